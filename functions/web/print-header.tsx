import { formatCalendarDate } from '#core/calendar/time.ts';
import type { Directive } from '#core/directive.ts';
import { subjectLine } from '#core/subject.ts';
import { type Lang, printMessages } from './i18n/index.ts';

/** On paper only: which directive a printed page is about (its number, date and subject), above the rest. */
export const PrintHeader = ({ lang, directive }: { lang: Lang; directive: Directive }) => (
  <p class="print-only print-header">
    <strong>{printMessages(lang).directive(directive.number, formatCalendarDate(directive.issuedOn))}</strong>
    <br />
    {subjectLine(directive.subject)}
  </p>
);
