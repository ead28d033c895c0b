import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { OFFICIALS_API, pathTo } from '#contracts/routes.ts';
import { formatDateTime } from '#core/calendar/time.ts';
import { messages } from '#web/i18n/index.ts';
import { LOCAL_ENV } from '../environment.ts';
import { launchRuntime } from '../launch.ts';
import { AGENCIES, giaLai126 } from './gia-lai-126.ts';

/**
 * `npm run demo`: plays công văn 126/STTTT-BCVT from Gia Lai on the virtual clock, from its issue on
 * 30/01/2021 to the day after its deadline, prints what happened, and leaves the system running.
 * `npm run demo -- --port 3100` runs it on another port.
 */
const { values: args } = parseArgs({
  options: { port: { type: 'string', default: process.env[LOCAL_ENV.port] ?? '3000' } },
});
const port = Number(args.port);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`--port must be a port number, not ${args.port}`);
  process.exit(2);
}
const token = process.env[LOCAL_ENV.apiToken] ?? 'demo';
const base = `http://localhost:${port}`;
const dataDir = '.data/demo';
rmSync(dataDir, { recursive: true, force: true });

const runtime = await launchRuntime({
  port,
  dataDir,
  virtualClock: { startAt: '2021-01-30T08:00:00+07:00' },
  env: { [LOCAL_ENV.apiToken]: token },
  inheritOutput: true,
});
const quit = async () => {
  await runtime.stop();
  process.exit(0);
};
process.on('SIGINT', quit);
process.on('SIGTERM', quit);
void runtime.exited.then(() => process.exit(runtime.exitCode() ?? 1));

const call = async (method: string, path: string, body?: unknown) => {
  const r = await fetch(base + path, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (r.status >= 400) throw new Error(`${method} ${path} → ${r.status} ${await r.text()}`);
  return r.json();
};
const form = async (path: string, fields: Record<string, string>) => {
  const r = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  if (r.status >= 400) throw new Error(`POST ${path} → ${r.status}`);
};
const at = (iso: string) => call('POST', '/_local/clock', { to: iso });

type Mail = { to: string[]; subject: string; html: string; sentAt: string };
const linkOf = async (recipientId: string) => {
  const email = AGENCIES.find((r) => r.id === recipientId)?.email;
  const mails = (await call('GET', '/_local/outbox')) as Mail[];
  const mail = mails.find((m) => m.to.includes(email ?? ''));
  const url = mail?.html.match(/https?:\/\/[^"'\s<>]+\/r\/[A-Za-z0-9_.-]+/)?.[0];
  if (!url) throw new Error(`No link for ${recipientId}`);
  return new URL(url).pathname;
};

await at('2021-01-30T08:30:00+07:00');
const { id } = (await call('POST', pathTo(OFFICIALS_API.issue), giaLai126())) as { id: string };
await call('POST', '/_local/clock', { advance: 'PT0S' });
const act = async (when: string, recipientId: string, action: 'acknowledge' | 'report', taskCode?: string) => {
  await at(when);
  const link = await linkOf(recipientId);
  await form(
    `${link}/${action}`,
    action === 'report' ? { taskCode: taskCode ?? '', summary: 'Đầu mối: Văn phòng, điện thoại 0269 3 800 000.' } : {},
  );
};
await act('2021-01-30T09:15:00+07:00', 'cong-an-tinh', 'acknowledge');
await act('2021-01-30T09:40:00+07:00', 'dien-luc', 'acknowledge');
await act('2021-01-30T10:30:00+07:00', 'dien-luc', 'report', '2.2');
await act('2021-01-30T14:00:00+07:00', 'bchqs-tinh', 'acknowledge');
await act('2021-01-30T15:00:00+07:00', 'dn-bcvt', 'acknowledge');
await act('2021-01-31T09:00:00+07:00', 'cap-thoat-nuoc', 'acknowledge');
await act('2021-02-02T09:00:00+07:00', 'cong-an-tinh', 'report', '1.3');
await at('2021-02-03T17:30:00+07:00');
await act('2021-02-04T08:30:00+07:00', 'cap-thoat-nuoc', 'report', '2.2');

type Event = { at: string; type: string; by?: string; taskCode?: string; level?: number; late?: boolean };
const LABEL: Record<string, (e: Event) => string> = {
  ISSUED: () => 'ban hành công văn',
  DELIVERED: () => 'đã gửi email công văn',
  ACKNOWLEDGED: (e) => `xác nhận đã nhận${e.late ? ' (quá hạn)' : ''}`,
  REPORTED: (e) => `báo cáo nhiệm vụ ${e.taskCode}${e.late ? ' (sau hạn)' : ''}`,
  COMPLETED: () => 'hoàn thành',
  REMINDED: (e) => `nhắc hạn${e.taskCode ? ` nhiệm vụ ${e.taskCode}` : ' xác nhận'}`,
  ESCALATED: (e) => `báo cáo lãnh đạo: quá hạn${e.taskCode ? ` nhiệm vụ ${e.taskCode}` : ' xác nhận'} (cấp ${e.level})`,
};
const rows: { at: string; who: string; what: string }[] = [];
for (const r of AGENCIES) {
  const a = (await call('GET', pathTo(OFFICIALS_API.readAssignment, { id, recipientId: r.id }))) as {
    history: Event[];
  };
  for (const e of a.history) {
    if (e.type === 'ISSUED' && rows.some((row) => row.what === LABEL.ISSUED?.(e))) continue;
    rows.push({
      at: e.at,
      who: e.type === 'ISSUED' ? 'Sở TT&TT Gia Lai' : r.name,
      what: (LABEL[e.type] ?? (() => e.type))(e),
    });
  }
}
rows.sort((x, y) => x.at.localeCompare(y.at));
const d = (await call('GET', pathTo(OFFICIALS_API.read, { id }))) as {
  assignments: { recipientName: string; status: string; outcome: string | null; escalationLevel: number }[];
};
const mails = (await call('GET', '/_local/outbox')) as Mail[];

/** A name cut to a column at a word's end ("Bộ Chỉ huy quân sự…"), never in the middle of one. */
const toColumn = (text: string, width: number) => {
  if (text.length <= width) return text.padEnd(width);
  const cut = text.slice(0, width - 1);
  const atWord = cut.slice(0, Math.max(cut.lastIndexOf(' '), 1)).trimEnd();
  return `${atWord}…`.padEnd(width);
};
const vi = messages('vi');
const statusOf = (status: string) => vi.status[status as keyof typeof vi.status] ?? status;
const outcomeOf = (outcome: string | null) =>
  outcome ? (vi.outcome[outcome as keyof typeof vi.outcome] ?? outcome) : '';

console.log(`\nCông văn 126/STTTT-BCVT — diễn biến (giờ Hà Nội)\n${'─'.repeat(78)}`);
for (const row of rows) console.log(`${formatDateTime(row.at)}  ${toColumn(row.who, 40)}  ${row.what}`);
console.log(`\nKết quả\n${'─'.repeat(78)}`);
for (const a of d.assignments)
  console.log(
    `${toColumn(a.recipientName, 44)} ${statusOf(a.status).padEnd(22)} ${[outcomeOf(a.outcome), a.escalationLevel ? `đã báo cáo lãnh đạo cấp ${a.escalationLevel}` : ''].filter(Boolean).join(', ')}`,
  );
console.log(`\n${mails.length} email đã gửi. Xem: ${base}/_local/outbox/view`);
console.log(`API: curl -H 'Authorization: Bearer ${token}' ${base}${pathTo(OFFICIALS_API.read, { id })}`);
console.log('Hệ thống vẫn chạy (Ctrl-C để dừng).');
