import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceEndpoint } from '../support/dynamo.ts';
import {
  GIA_LAI_RECIPIENTS,
  giaLaiDirective,
  hanoi,
  linkOf,
  mailsTo,
  type Runtime,
  startRuntime,
} from '../support/runtime.ts';
import { officialsOf, WebSession } from '../support/web-session.ts';

/**
 * The dashboard of a directive to the ten Gia Lai agencies, as an official filters it: three acknowledge on the
 * day, Pleiku asks for more time, and the next morning the seven that never acknowledged are overdue. Every view is
 * read over HTTP from the runtime, whose DynamoDB holds the real roster and pending indexes; the same views are
 * then read again for a directive stored before the roster existed.
 */

const rowsOf = (html: string) => [...html.matchAll(/<tr id="row-[^"]+" data-recipient="([^"]+)"/g)].map((m) => m[1]);
const ACKNOWLEDGING = ['cong-an-tinh', 'bchqs-tinh', 'ubnd-pleiku'];
const NEVER = GIA_LAI_RECIPIENTS.map((r) => r.id).filter((r) => !ACKNOWLEDGING.includes(r));

describe("a directive's dashboard, searched, filtered, sorted and paged on the server", () => {
  let rt: Runtime;
  let id: string;
  let official: WebSession;
  const view = async (query: string) => {
    const page = await official.get(`/directives/${id}${query}`);
    expect(page.status, page.text.slice(0, 300)).toBe(200);
    return page;
  };

  beforeAll(async () => {
    rt = await startRuntime();
    const now = await rt.clock();
    id = (await rt.issue(giaLaiDirective({ now, recipients: GIA_LAI_RECIPIENTS, deadline: hanoi('2026-03-13T17:00') })))
      .id;
    await rt.settle();
    const outbox = await rt.outbox();
    for (const r of ACKNOWLEDGING) {
      const email = GIA_LAI_RECIPIENTS.find((x) => x.id === r)?.email ?? '';
      const [invitation] = mailsTo(outbox, email);
      if (!invitation) throw new Error(`no invitation to ${email}`);
      const path = linkOf(invitation).path;
      expect((await rt.form(`${path}/acknowledge`)).status).toBe(200);
      if (r === 'ubnd-pleiku')
        expect(
          (
            await rt.form(`${path}/extension`, {
              taskCode: '1.3',
              until: '2026-03-20',
              reason: 'Đơn vị đang tổng hợp số liệu từ các phường, xã.',
            })
          ).status,
        ).toBe(200);
    }
    await rt.settle();
    // The next morning: the acknowledgement deadline (end of the working day of issue) has passed.
    await rt.advanceTo(hanoi('2026-03-05T09:00'));
    official = new WebSession(rt);
    const [who] = officialsOf(rt);
    await official.signIn(who?.email ?? '', who?.password ?? '');
  }, 180_000);

  afterAll(async () => {
    await rt?.dispose();
  });

  it('lists every agency, what needs attention first, and flags the request waiting at the top', async () => {
    const page = await view('');
    expect(rowsOf(page.text)).toHaveLength(10);
    expect(rowsOf(page.text).slice(0, NEVER.length).sort()).toEqual([...NEVER].sort());
    expect(page.text).toContain('Có 1 đơn vị đang xin gia hạn, chờ quyết định.');
    expect(page.text).toContain(`href="/directives/${id}?show=pending"`);
    expect(page.text).toMatch(/<details class="row-menu"><summary aria-label="Thao tác với [^"]+">Thao tác<\/summary>/);
  });

  it('filters overdue, not acknowledged and pending, each read from the indexes', async () => {
    expect(rowsOf((await view('?show=overdue')).text).sort()).toEqual([...NEVER].sort());
    expect(rowsOf((await view('?show=notAcknowledged')).text).sort()).toEqual([...NEVER].sort());
    expect(rowsOf((await view('?show=onTime')).text).sort()).toEqual([...ACKNOWLEDGING].sort());
    expect(rowsOf((await view('?show=pending')).text)).toEqual(['ubnd-pleiku']);
    expect(rowsOf((await view('?show=completed')).text)).toEqual([]);
    expect((await view('?show=completed')).text).toContain('Không có đơn vị nào khớp với điều kiện lọc.');
  });

  it('finds agencies with or without accents, sorts by name, and pages', async () => {
    const police = await view('?q=cong+an');
    expect(rowsOf(police.text)).toEqual(['cong-an-tinh']);
    // The timeline's first line counts the directive's agencies, not the rows this view shows.
    expect(police.text).toContain('ban hành công văn, gửi 10 đơn vị');
    expect(rowsOf((await view('?q=%C4%91i%E1%BB%87n+l%E1%BB%B1c')).text)).toEqual(['dien-luc']);
    expect(rowsOf((await view('?q=uy+ban&show=overdue')).text).sort()).toEqual(['ubnd-an-khe', 'ubnd-chu-se']);
    const byName = rowsOf((await view('?sort=name')).text);
    const names = byName.map((r) => GIA_LAI_RECIPIENTS.find((x) => x.id === r)?.name ?? '');
    expect(names).toEqual([...names].sort(new Intl.Collator('vi').compare));
    expect((await view('?sort=name')).text).toContain('Đơn vị 1–10 trong 10');
    // Malformed parameters are the default view, never an error.
    expect(rowsOf((await view('?show=%ff&page=abc&sort=x')).text)).toHaveLength(10);
    // A start key typed by hand, outside the filter's range or naming no agency, is a first page, never a 500.
    for (const after of ['zzz', '0%23', '3%23nobody', `0%23${'9'.repeat(300)}`])
      expect(rowsOf((await view(`?show=overdue&page=2&after=${after}`)).text).length).toBeLessThanOrEqual(7);
  });

  it('brings the official back to the view and the row after an action, saying what was done', async () => {
    await view('?show=pending');
    const granted = await official.post(`/directives/${id}/actions`, {
      action: 'grant',
      recipientId: 'ubnd-pleiku',
      taskCode: '1.3',
      until: '2026-03-20',
      back: 'show=pending',
    });
    expect(granted.status).toBe(303);
    expect(granted.location).toBe(
      `/directives/${id}?show=pending&done=grant&who=ubnd-pleiku&task=1.3&until=2026-03-20#row-ubnd-pleiku`,
    );
    await rt.settle();
    const after = await view(granted.location?.replace(`/directives/${id}`, '').replace(/#.*/, '') ?? '');
    expect(after.text).toContain('Đã gia hạn nhiệm vụ 1.3 cho Ủy ban nhân dân thành phố Pleiku đến 20/03/2026.');
    expect(after.text).not.toContain('đang xin gia hạn, chờ quyết định');

    await view('?q=vnpt');
    const resent = await official.post(`/directives/${id}/actions`, {
      action: 'resend',
      recipientId: 'vnpt-gia-lai',
      back: 'q=vnpt&next=https://evil.test',
    });
    expect(resent.location).toBe(`/directives/${id}?q=vnpt&done=resend&who=vnpt-gia-lai#row-vnpt-gia-lai`);
    const row = await view('?q=vnpt&done=resend&who=vnpt-gia-lai');
    expect(row.text).toMatch(
      /<tr id="row-vnpt-gia-lai"[^>]*><th scope="row"><p class="message ok row-notice" role="status">Đã gửi lại liên kết cho VNPT Gia Lai\./,
    );
  });

  it('shows the same views for a directive stored before the roster, from its assignments', async () => {
    const client = new DynamoDBClient({
      endpoint: serviceEndpoint(rt.log(50_000), 'DynamoDB'),
      region: 'ap-southeast-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const db = DynamoDBDocumentClient.from(client);
    const { TableNames = [] } = await client.send(new ListTablesCommand({}));
    expect(TableNames).toHaveLength(1);
    await db.send(
      new UpdateCommand({
        TableName: TableNames[0],
        Key: { pk: `DIR#${id}`, sk: 'DIRECTIVE' },
        UpdateExpression: 'REMOVE rosterIndexed',
      }),
    );
    expect(rowsOf((await view('?show=overdue')).text).sort()).toEqual([...NEVER].sort());
    expect(rowsOf((await view('?q=cong+an')).text)).toEqual(['cong-an-tinh']);
    expect(rowsOf((await view('')).text)).toHaveLength(10);
  });
});
