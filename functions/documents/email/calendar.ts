import type { EventAttributes } from 'ics';

export type CalendarDeadline = { key: string; label: string; at: string };

export type DeadlinesCalendarInput = {
  /** Stable per assignment (e.g. `${directiveId}-${recipientId}`): a re-sent calendar updates its events. */
  uid: string;
  /** Shown after each label, e.g. the directive number. */
  title: string;
  description: string;
  url: string;
  deadlines: CalendarDeadline[];
  organizer?: { name: string; email: string };
};

const EVENT_MINUTES = 30;

/**
 * An iCalendar (METHOD:PUBLISH) with one 30-minute event ending at each deadline, alarmed a day and an hour
 * before. Times are written in UTC, so the file needs no VTIMEZONE and every client shows local time.
 */
export async function deadlinesCalendar(input: DeadlinesCalendarInput): Promise<string> {
  // ics validates with yup, which builds its schemas when loaded: only an email that carries a calendar loads it.
  const { createEvents } = await import('ics');
  const events = input.deadlines.map((d): EventAttributes => {
    const end = Date.parse(d.at);
    if (Number.isNaN(end)) throw new Error(`Calendar deadline "${d.key}" is not an ISO instant: ${d.at}`);
    const summary = `${d.label} — ${input.title}`;
    return {
      uid: `${input.uid}-${d.key}@chidao`,
      title: summary,
      description: input.description,
      url: input.url,
      start: end - EVENT_MINUTES * 60_000,
      startInputType: 'utc',
      startOutputType: 'utc',
      end,
      endInputType: 'utc',
      endOutputType: 'utc',
      status: 'CONFIRMED',
      busyStatus: 'FREE',
      transp: 'TRANSPARENT',
      ...(input.organizer ? { organizer: { name: input.organizer.name, email: input.organizer.email } } : {}),
      alarms: [
        // { hours: 24 } rather than { days: 1 }: ics writes the latter as "-P1DT", which RFC 5545 does not allow.
        { action: 'display', description: `Còn 1 ngày: ${summary}`, trigger: { hours: 24, before: true } },
        { action: 'display', description: `Còn 1 giờ: ${summary}`, trigger: { hours: 1, before: true } },
      ],
    };
  });
  const { error, value } = createEvents(events, {
    method: 'PUBLISH',
    productId: '-//chidao//han-xu-ly//VI',
    calName: `Hạn xử lý — ${input.title}`,
  });
  if (error) throw error;
  if (!value) throw new Error('ics produced no calendar');
  return value;
}
