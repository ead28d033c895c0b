import { DAY_PATTERN, dayText } from '#core/calendar/day.ts';
import { type Lang, printMessages } from './i18n/index.ts';

/**
 * A day field that reads dd/mm/yyyy whatever the browser's language: `<input type="date">` shows mm/dd/yyyy in
 * an English browser, next to pages that write every date dd/mm/yyyy. A text field with a numeric keypad, the
 * format as placeholder and as a hint the screen reader reads with the field; the server reads either spelling
 * (core/calendar/day.ts). A stored `YYYY-MM-DD` value is shown dd/mm/yyyy, a refused one as it was typed.
 */
export const DateInput = ({
  id,
  name,
  lang,
  value = '',
  required = false,
  describedBy,
  invalid = false,
}: {
  id: string;
  name: string;
  lang: Lang;
  value?: string | undefined;
  required?: boolean;
  /** Other hints or errors of the field, read before the format. */
  describedBy?: string | undefined;
  invalid?: boolean;
}) => {
  const m = printMessages(lang);
  const hint = `${id}-format`;
  return (
    <>
      <span class="hint date-hint" id={hint}>
        {m.dayHint}
      </span>
      <input
        id={id}
        name={name}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder={m.dayPlaceholder}
        pattern={DAY_PATTERN}
        title={m.dayHint}
        maxLength={10}
        class="date-input"
        value={dayText(value)}
        aria-describedby={[describedBy, hint].filter(Boolean).join(' ')}
        {...(required ? { required: true } : {})}
        {...(invalid ? { 'aria-invalid': 'true' } : {})}
      />
    </>
  );
};
