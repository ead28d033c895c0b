import { decree30PlaceAndDate } from '#core/calendar/time.ts';
import type { Directive } from '#core/directive.ts';
import { letterheadOf } from '#core/letterhead.ts';
import { subjectLine } from '#core/subject.ts';
import { FullText, Paragraphs } from './directive-files.tsx';

const PURPOSE_LABEL: Record<Directive['copies'][number]['purpose'], string> = {
  REPORT: 'báo cáo',
  COORDINATE: 'phối hợp',
  ARCHIVE: '',
  INFORM: '',
};

export const placeAndDate = decree30PlaceAndDate;

/**
 * A directive laid out as the công văn it is: header block (the parent body with its province above the issuing
 * body, core/letterhead.ts), number, place and date, subject as "V/v …" however it was typed (core/subject.ts),
 * body, signer.
 */
export const DirectiveDocument = ({ directive, addressedTo }: { directive: Directive; addressedTo: string[] }) => (
  <article class="paper" aria-label={`Công văn số ${directive.number}`}>
    <Letterhead directive={directive} />
    <div class="cv-meta">
      <div>
        <div>Số: {directive.number}</div>
        <div class="cv-subject">{subjectLine(directive.subject)}</div>
      </div>
      <div class="place">{placeAndDate(directive.place, directive.issuedOn)}</div>
    </div>
    <Addressees addressedTo={addressedTo} />
    <Body directive={directive} />
    <Signature directive={directive} />
  </article>
);

/** The issuing body (with its province, core/letterhead.ts) beside the national motto: every page a letter heads. */
export const Letterhead = ({ directive }: { directive: Directive }) => {
  const { parent, issuer } = letterheadOf(directive);
  return (
    <div class="cv-header">
      <div class="org">
        {parent && <span>{parent}</span>}
        <strong>{issuer}</strong>
        <span class="rule" aria-hidden="true" />
      </div>
      <div class="motto">
        <strong>Cộng hòa xã hội chủ nghĩa Việt Nam</strong>
        <span>Độc lập - Tự do - Hạnh phúc</span>
        <span class="rule" aria-hidden="true" />
      </div>
    </div>
  );
};

const Addressees = ({ addressedTo }: { addressedTo: string[] }) => (
  <div class="cv-to">
    <span>Kính gửi: </span>
    {addressedTo.length === 1 ? (
      <span>{addressedTo[0]}.</span>
    ) : (
      <ul>
        {addressedTo.map((a, i) => (
          <li key={a}>{`${a}${i === addressedTo.length - 1 ? '.' : ';'}`}</li>
        ))}
      </ul>
    )}
  </div>
);

const Body = ({ directive }: { directive: Directive }) =>
  directive.fullText ? (
    <FullText text={directive.fullText} />
  ) : (
    <div class="cv-body">
      {directive.legalBases.map((b) => (
        <p key={b}>{b}</p>
      ))}
      {directive.body && <Paragraphs text={directive.body} />}
      {directive.tasks.map((t) => (
        <p key={t.code}>
          {t.code}. {t.text}
        </p>
      ))}
    </div>
  );

const Signature = ({ directive }: { directive: Directive }) => (
  <div class="cv-sign">
    <div class="cv-copies">
      {directive.copies.length > 0 && (
        <>
          <em>
            <strong>Nơi nhận:</strong>
          </em>
          <ul style="margin:0;padding-left:1.2em">
            {directive.copies.map((c, i) => (
              <li key={c.name}>
                {`${c.name}${PURPOSE_LABEL[c.purpose] ? ` (${PURPOSE_LABEL[c.purpose]})` : ''}${i === directive.copies.length - 1 ? '.' : ';'}`}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
    <div class="signer">
      {directive.signer.onBehalfOf && <strong>{directive.signer.onBehalfOf}</strong>}
      <strong>{directive.signer.title}</strong>
      <p style="margin-top:3em">
        <strong class="name">{directive.signer.name}</strong>
      </p>
    </div>
  </div>
);
