import { describe, expect, it } from 'vitest';
import { deadlinesCalendar } from '#documents/email/calendar.ts';
import { ACK_DEADLINE, DEADLINE, LINK, unfold } from './fixtures.ts';

const calendar = () =>
  deadlinesCalendar({
    uid: '01HZ0000000000000000000126-cong-an',
    title: '126/STTTT-BCVT',
    description: 'Công văn số 126/STTTT-BCVT; V/v đảm bảo thông tin liên lạc, dịch vụ bưu chính',
    url: LINK,
    deadlines: [
      { key: 'ack', label: 'Hạn xác nhận đã nhận công văn', at: ACK_DEADLINE },
      { key: '1.3', label: 'Hạn báo cáo nhiệm vụ 1.3', at: DEADLINE },
    ],
    organizer: { name: 'Sở TT&TT Gia Lai', email: 'no-reply@stttt.gialai.example' },
  });

const events = (ics: string) => unfold(ics).split('BEGIN:VEVENT').slice(1);

describe('deadlinesCalendar', () => {
  it('publishes one event per deadline, with CRLF line ends and no VTIMEZONE', async () => {
    const ics = await calendar();
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain('METHOD:PUBLISH\r\n');
    expect(ics).not.toContain('VTIMEZONE');
    expect(events(ics)).toHaveLength(2);
  });

  it('ends each 30-minute event at the deadline, in UTC', async () => {
    const [ack, report] = events(await calendar());
    expect(ack).toContain('DTSTART:20210130T093000Z');
    expect(ack).toContain('DTEND:20210130T100000Z');
    expect(report).toContain('DTSTART:20210203T093000Z');
    expect(report).toContain('DTEND:20210203T100000Z');
  });

  it('gives stable UIDs and Vietnamese summaries', async () => {
    const [ack, report] = events(await calendar());
    expect(ack).toContain('UID:01HZ0000000000000000000126-cong-an-ack@chidao');
    expect(report).toContain('UID:01HZ0000000000000000000126-cong-an-1.3@chidao');
    expect(report).toContain('SUMMARY:Hạn báo cáo nhiệm vụ 1.3 — 126/STTTT-BCVT');
    expect(ack).toContain('SUMMARY:Hạn xác nhận đã nhận công văn — 126/STTTT-BCVT');
    expect(report).toContain(`URL:${LINK}`);
    // Commas and semicolons are escaped as TEXT values require.
    expect(report).toContain(
      'DESCRIPTION:Công văn số 126/STTTT-BCVT\\; V/v đảm bảo thông tin liên lạc\\, dịch vụ bưu chính',
    );
  });

  it('alarms a day and an hour before, with valid durations', async () => {
    const [, report] = events(await calendar());
    expect(report?.match(/BEGIN:VALARM/g)).toHaveLength(2);
    expect(report).toContain('TRIGGER:-PT24H');
    expect(report).toContain('TRIGGER:-PT1H');
    expect(report).not.toMatch(/TRIGGER:-P\d+DT\r\n/);
  });

  it('is the same calendar when built twice, except for DTSTAMP', async () => {
    const strip = (s: string) => s.replace(/DTSTAMP:\d{8}T\d{6}Z/g, '');
    expect(strip(await calendar())).toBe(strip(await calendar()));
  });

  it('throws on a deadline that is not an instant', async () => {
    await expect(
      deadlinesCalendar({
        uid: 'x',
        title: 'x',
        description: 'x',
        url: LINK,
        deadlines: [{ key: 'ack', label: 'x', at: 'not-a-date' }],
      }),
    ).rejects.toThrow();
  });
});
