import { decree30PlaceAndDate } from '#core/calendar/time.ts';
import type { Directive } from '#core/directive.ts';
import { FullText, Paragraphs } from './directive-files.tsx';

const PURPOSE_LABEL: Record<Directive['copies'][number]['purpose'], string> = {
  REPORT: 'báo cáo',
  COORDINATE: 'phối hợp',
  ARCHIVE: '',
  INFORM: '',
};

export const placeAndDate = decree30PlaceAndDate;

/** A directive laid out as the công văn it is: header block, number, place and date, subject, body, signer. */
export const DirectiveDocument = ({ directive, addressedTo }: { directive: Directive; addressedTo: string[] }) => (
  <article class="paper" aria-label={`Công văn số ${directive.number}`}>
    <div class="cv-header">
      <div class="org">
        {directive.issuerParent && <span>{directive.issuerParent}</span>}
        <strong>{directive.issuer}</strong>
        <span class="rule" aria-hidden="true" />
      </div>
      <div class="motto">
        <strong>Cộng hòa xã hội chủ nghĩa Việt Nam</strong>
        <span>Độc lập - Tự do - Hạnh phúc</span>
        <span class="rule" aria-hidden="true" />
      </div>
    </div>
    <div class="cv-meta">
      <div>
        <div>Số: {directive.number}</div>
        <div class="cv-subject">{directive.subject}</div>
      </div>
      <div class="place">{placeAndDate(directive.place, directive.issuedOn)}</div>
    </div>
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
    {directive.fullText ? (
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
    )}
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
  </article>
);
