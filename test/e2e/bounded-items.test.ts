import pMap from 'p-map';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemSize, scanEverything, serviceEndpoint } from '../support/dynamo.ts';
import {
  DAY,
  GIAM_DOC,
  giaLaiDirective,
  iso,
  linkOf,
  mailsTo,
  type Runtime,
  recipients,
  startRuntime,
} from '../support/runtime.ts';

/**
 * No sequence of actions, however long or hostile, grows an item without bound: 500 extension requests with
 * 2,000-character reasons and a year of daily reports with 10,000-character summaries leave every item of the
 * table under 64 KB, every action still works, and the missed deadline still escalates.
 */

const LIMIT = 64 * 1024;
const [police, power] = recipients('cong-an-tinh', 'dien-luc') as [
  ReturnType<typeof recipients>[number],
  ReturnType<typeof recipients>[number],
];
const text = (n: number, seed: string) =>
  `${seed} `
    .repeat(Math.ceil(n / (seed.length + 1)))
    .slice(0, n - 1)
    .concat('.');

let rt: Runtime;
let id: string;
let now: string;
let deadline: string;
const links: Record<string, string> = {};
const daily: string[] = [];

beforeAll(async () => {
  rt = await startRuntime();
  now = await rt.clock();
  deadline = iso(now, 3 * DAY);
  const base = giaLaiDirective({ now, recipients: [police, power], deadline, number: 'BOUNDED-1' });
  const first = iso(now, DAY);
  const until = new Date(Date.parse(first) + 365 * DAY).toISOString().slice(0, 10);
  const body = {
    ...base,
    tasks: [
      { code: '1.3', text: 'Cung cấp đầu mối liên hệ.', assignees: [police.id], deadline, reportRequired: true },
      {
        code: 'D',
        text: 'Báo cáo hằng ngày tình hình thông tin liên lạc.',
        assignees: [power.id],
        deadline: first,
        recurrence: { every: 'P1D', until },
        reportRequired: true,
      },
    ],
  };
  ({ id } = await rt.issue(body));
  await rt.settle();
  for (const r of [police, power]) {
    const mail = (await rt.mailsTo(r.email))[0];
    if (!mail) throw new Error(`no invitation to ${r.email}`);
    links[r.id] = linkOf(mail).path;
  }
  // The 366 slot keys of the daily report: D#{the period's date in Hà Nội}.
  for (let i = 0; i < 366; i++)
    daily.push(`D#${new Date(Date.parse(first) + i * DAY + 7 * 3_600_000).toISOString().slice(0, 10)}`);
}, 180_000);
afterAll(() => rt?.dispose());

const largestItems = async () => {
  const items = await scanEverything(serviceEndpoint(rt.log(50_000), 'DynamoDB'));
  return items.map((i) => ({ key: `${i.pk} ${i.sk}`, size: itemSize(i) })).sort((a, b) => b.size - a.size);
};

describe('bounded items', () => {
  it('a year of daily reports of 10,000 characters each: every one recorded, the agency done', async () => {
    const summary = text(10_000, 'Báo cáo tình hình bảo đảm thông tin liên lạc trên địa bàn: ổn định, không có sự cố.');
    const answers = await pMap(
      daily,
      (taskCode) => rt.form(`${links[power.id]}/report`, { taskCode, summary }).then((r) => r.status),
      // Two at a time, as a clerk and a colleague might: concurrent writes to one item retry, none is lost.
      { concurrency: 2 },
    );
    expect(answers.filter((s) => s !== 200)).toEqual([]);
    const a = await rt.assignment(id, power.id);
    expect(a.status).toBe('COMPLETED');
    expect(a.reports.filter((r) => r.submittedAt)).toHaveLength(366);
    // The whole history is there: the older events come from their archive items.
    expect(a.history.filter((e) => e.type === 'REPORTED')).toHaveLength(366);
    expect(a.reports.every((r) => r.summary === summary)).toBe(true);
  }, 300_000);

  it('500 extension requests with 2,000-character reasons: one pending, the rest refused as too soon', async () => {
    const reason = text(2_000, 'Đơn vị đề nghị gia hạn do đang chờ ý kiến chỉ đạo của cấp trên.');
    const statuses = await pMap(
      Array.from({ length: 500 }, (_, i) => i),
      (i) =>
        rt
          .form(`${links[police.id]}/extension`, {
            taskCode: '1.3',
            until: iso(deadline, (1 + (i % 20)) * DAY).slice(0, 10),
            reason,
          })
          .then((r) => r.status),
      { concurrency: 4 },
    );
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    const a = await rt.assignment(id, police.id);
    expect(a.extensionRequests).toHaveLength(1);
    expect(a.extensionRequests[0]?.reason).toBe(reason);
    // An hour on, a new request replaces the pending one.
    await rt.advance('PT61M');
    const again = await rt.form(`${links[police.id]}/extension`, {
      taskCode: '1.3',
      until: iso(deadline, 30 * DAY).slice(0, 10),
      reason,
    });
    expect(again.status).toBe(200);
    expect((await rt.assignment(id, police.id)).extensionRequests).toHaveLength(1);
  }, 300_000);

  it('leaves every item of the table under 64 KB', async () => {
    const items = await largestItems();
    expect(items[0]?.size, JSON.stringify(items.slice(0, 3))).toBeLessThan(LIMIT);
    const assignments = items.filter((i) => i.key.includes(' ASG#'));
    expect(assignments).toHaveLength(2);
  });

  it('every action still works, and the missed deadline still escalates', async () => {
    expect((await rt.form(`${links[police.id]}/acknowledge`)).status).toBe(200);
    await rt.advanceTo(iso(deadline, 60_000));
    const escalations = mailsTo(await rt.outbox(), GIAM_DOC.email).filter((m) => m.subject.includes(police.name));
    expect(escalations).toHaveLength(1);
    expect(escalations[0]?.subject).toMatch(/^Quá hạn/);
    const late = await rt.form(`${links[police.id]}/report`, { taskCode: '1.3', summary: 'Đầu mối: Phòng Tham mưu.' });
    expect(late.status).toBe(200);
    const a = await rt.assignment(id, police.id);
    expect(a.status).toBe('COMPLETED');
    expect(a.outcome).toBe('LATE');
    expect((await largestItems())[0]?.size).toBeLessThan(LIMIT);
  }, 120_000);
});
