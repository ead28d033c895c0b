import { pathTo, RECIPIENT } from '#contracts/routes.ts';
import { correctable, MAX_CORRECTIONS } from '#core/assignment/corrections.ts';
import type { Assignment, ReportSlot } from '#core/assignment/model.ts';
import { formatDateTime } from '#core/calendar/time.ts';
import type { Submission } from '#core/submission.ts';
import { type Lang, messages, recipientReportsMessages } from '../i18n/index.ts';
import { ReportVersion } from '../officials/report-version.tsx';

type R = ReturnType<typeof recipientReportsMessages>;

/** 1.234.567 bytes → "1,2 MB", the Vietnamese way (comma decimals). */
const formatSize = (bytes: number) =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${Math.round(bytes / 1024)} KB`
      : `${(bytes / (1024 * 1024)).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;

/** A report's text as the agency wrote it: its line breaks kept, one paragraph a line. */
const Text = ({ text }: { text: string }) => (
  <div class="report-text">
    {text
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '')
      .map((line, i) => (
        <p key={i}>{line}</p>
      ))}
  </div>
);

/** One version of a report: its text and its file, downloadable through the agency's own link. */
const Version = ({ token, s, r }: { token: string; s: Submission; r: R }) => (
  <>
    <Text text={s.text} />
    {s.attachment ? (
      <p>
        {r.file}:{' '}
        <a href={pathTo(RECIPIENT.reportFile, { token, submissionId: s.id })} download={s.attachment.name}>
          {s.attachment.name}
        </a>{' '}
        ({formatSize(s.attachment.size)})
      </p>
    ) : (
      <p class="hint">{r.noFile}</p>
    )}
  </>
);

/** Where the page's anchors and ids for one slot come from: keys are `1.3` or `1.3#2026-03-06`. */
export const slotId = (slotKey: string) => slotKey.replace(/[^A-Za-z0-9_.-]/g, '-');

const CorrectionForm = ({
  token,
  slotKey,
  slot,
  current,
  corrections,
  lang,
}: {
  token: string;
  slotKey: string;
  slot: ReportSlot;
  current: Submission;
  corrections: number;
  lang: Lang;
}) => {
  const r = recipientReportsMessages(lang);
  const m = messages(lang).recipient;
  const id = slotId(slotKey);
  return (
    <details class="correction" id={`correct-${id}`}>
      <summary>{r.correct}</summary>
      <form method="post" action={pathTo(RECIPIENT.correct, { token })} enctype="multipart/form-data">
        <p class="hint" id={`correct-hint-${id}`}>
          {r.correctIntro(slot.deadline ? formatDateTime(slot.deadline) : undefined, MAX_CORRECTIONS - corrections)}
        </p>
        <input type="hidden" name="taskCode" value={slotKey} />
        <input type="hidden" name="replaces" value={current.id} />
        <label for={`correct-summary-${id}`}>{r.newText(slot.taskCode)}</label>
        <textarea
          id={`correct-summary-${id}`}
          name="summary"
          required
          maxLength={10000}
          rows={6}
          aria-describedby={`correct-hint-${id}`}
        >
          {current.text}
        </textarea>
        <label for={`correct-file-${id}`}>{r.newFile}</label>
        <input id={`correct-file-${id}`} type="file" name="file" aria-describedby={`correct-file-hint-${id}`} />
        <p id={`correct-file-hint-${id}`} class="hint">
          {current.attachment ? r.keepsFile(current.attachment.name) : m.attachmentHint}
        </p>
        <p>
          <button type="submit">{r.sendCorrection}</button>
        </p>
      </form>
    </details>
  );
};

/**
 * What the agency sent for one report slot: the version in force (its text, file and time, marked when it is a
 * correction), every earlier version below it, and "Sửa báo cáo" while the report may still be corrected (until
 * its deadline in force, at most MAX_CORRECTIONS times); past the deadline the page says why the form is gone.
 */
export const SentReport = ({
  assignment: a,
  slotKey,
  slot,
  submissions,
  token,
  now,
  lang,
}: {
  assignment: Assignment;
  slotKey: string;
  slot: ReportSlot;
  /** The versions read for the page (core/submission.ts `previous`), by id. */
  submissions: ReadonlyMap<string, Submission>;
  token: string;
  now: string;
  lang: Lang;
}) => {
  const r = recipientReportsMessages(lang);
  const current = slot.reportId ? submissions.get(slot.reportId) : undefined;
  if (!slot.submittedAt || !current) return null;
  const earlier = (current.previous ?? []).flatMap((id) => submissions.get(id) ?? []);
  const corrections = current.previous?.length ?? 0;
  const past = slot.deadline !== undefined && Date.parse(now) > Date.parse(slot.deadline);
  return (
    <div class="sent-report" data-report={slotKey}>
      <h3>
        {r.sentTitle}: {r.sentAt(formatDateTime(slot.submittedAt))} <ReportVersion submission={current} lang={lang} />
      </h3>
      <Version token={token} s={current} r={r} />
      {earlier.length > 0 && (
        <details>
          <summary>{r.earlier(earlier.length)}</summary>
          <ol>
            {earlier.map((s, i) => (
              <li key={s.id}>
                <p>
                  <strong>{r.version(i + 1, formatDateTime(s.at))}</strong>
                </p>
                <Version token={token} s={s} r={r} />
              </li>
            ))}
          </ol>
        </details>
      )}
      {correctable(a, now, slotKey, corrections) ? (
        <CorrectionForm
          token={token}
          slotKey={slotKey}
          slot={slot}
          current={current}
          corrections={corrections}
          lang={lang}
        />
      ) : a.status === 'CANCELLED' ? null : past && slot.deadline ? (
        <p class="hint">{r.closed(formatDateTime(slot.deadline))}</p>
      ) : corrections >= MAX_CORRECTIONS ? (
        <p class="hint">{r.maxReached(MAX_CORRECTIONS)}</p>
      ) : null}
    </div>
  );
};

/** The submissions a page needs for the slots it shows: the versions in force, then the earlier ones they name. */
export const earlierVersionIds = (found: ReadonlyMap<string, Submission>) =>
  [...found.values()].flatMap((s) => s.previous ?? []).filter((id) => !found.has(id));
