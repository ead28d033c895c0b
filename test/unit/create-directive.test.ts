import { randomUUID } from 'node:crypto';
import { ExecutionAlreadyExists, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { dynamo } from '#adapters/clients/dynamo.ts';
import { CLAIM_LEASE_MS } from '#adapters/store/directives.ts';
import { config } from '#contracts/environment.ts';
import {
  callOfficials,
  directiveBody,
  executionStarts,
  getItem,
  getRaw,
  ISSUER,
  issue,
  OFFICIAL,
  parseJson,
  postDirective,
  RECIPIENTS,
  resetMocks,
  scanAll,
  sesMock,
  sfnMock,
  WORKING_MORNING,
} from './support/harness.ts';

/**
 * POST /api/directives through the officials' handler, against this file's own (empty) table: invalid input
 * stores nothing, valid input stores the directive and one assignment per recipient, and a retry never makes a
 * second directive.
 */

beforeEach(() => {
  resetMocks();
});

type Issue = { path: string; message: string };
type ValidationBody = { error: string; issues: Issue[] };

const FANOUT_ARN = process.env.FANOUT_MACHINE_ARN;

const invalid = async (body: unknown) => {
  const response = await postDirective(body, { key: randomUUID() });
  expect(response.statusCode, response.body).toBe(400);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const json = parseJson<ValidationBody>(response);
  expect(json.error).toBe('ValidationError');
  for (const issue of json.issues) {
    expect(issue).toEqual({ path: expect.any(String), message: expect.any(String) });
    expect(issue.message.length).toBeGreaterThan(0);
  }
  return json.issues;
};

const pathsOf = (issues: Issue[]) => issues.map((i) => i.path);

// The invalid cases run first, on the file's empty table, so "nothing stored" can be checked as "no item".
describe('invalid bodies: 400 with per-field issues, and nothing stored', () => {
  it('a malformed recipient email is reported at recipients.0.email', async () => {
    const body = directiveBody();
    const recipients = body.recipients.map((r, i) => (i === 0 ? { ...r, email: 'cong-an-at-gialai' } : r));
    const issues = await invalid({ ...body, recipients });
    expect(pathsOf(issues)).toEqual(['recipients.0.email']);
    expect(issues[0]?.message).toBe('Email đơn vị: địa chỉ email không hợp lệ');
  });

  it('an empty task list is reported at tasks', async () => {
    const issues = await invalid({ ...directiveBody(), tasks: [] });
    expect(pathsOf(issues)).toEqual(['tasks']);
    expect(issues[0]?.message).toBe('Nhiệm vụ: cần ít nhất một nhiệm vụ');
  });

  it('a task assignee who is not a recipient is reported at tasks.0.assignees.0', async () => {
    const body = directiveBody();
    const tasks = body.tasks.map((t, i) => (i === 0 ? { ...t, assignees: ['vnpt', 'cong-an'] } : t));
    const issues = await invalid({ ...body, tasks });
    expect(pathsOf(issues)).toEqual(['tasks.0.assignees.0']);
    expect(issues[0]?.message).toContain('"vnpt"');
  });

  it('a duplicate recipient id is reported at the second occurrence', async () => {
    const body = directiveBody();
    const recipients = [
      ...body.recipients,
      { id: 'cong-an', name: 'Công an tỉnh (trùng)', email: 'ca2@gialai.example' },
    ];
    const issues = await invalid({ ...body, recipients });
    expect(pathsOf(issues)).toEqual([`recipients.${RECIPIENTS.length}.id`]);
    expect(issues[0]?.message).toBe('Mã đơn vị trùng: cong-an');
  });

  it('several problems at once are all reported, each at its field', async () => {
    const body = directiveBody();
    const issues = await invalid({
      ...body,
      number: '   ',
      // dd/mm/yyyy is read (core/calendar/day.ts), a day that does not exist is not.
      issuedOn: '31/02/2021',
      leadership: [{ ...body.leadership[0], email: 'not-an-email' }],
      tasks: [{ ...body.tasks[1], deadline: '03/02/2021 17:00' }],
    });
    expect(pathsOf(issues).sort()).toEqual(['issuedOn', 'leadership.0.email', 'number', 'tasks.0.deadline']);
  });

  it('a body that is not an object is a 400 at the root; a missing or malformed body is refused too', async () => {
    const list = await invalid([]);
    expect(pathsOf(list)).toEqual(['']);
    const text = await callOfficials({
      routeKey: 'POST /api/directives',
      path: '/api/directives',
      headers: { 'content-type': 'text/plain' },
      body: 'Số 126/STTTT-BCVT',
      claims: OFFICIAL,
    });
    expect(text.statusCode).toBe(400);
    expect(parseJson<ValidationBody>(text)).toMatchObject({ error: 'ValidationError', issues: [{ path: '' }] });
    // middy's JSON parser answers these itself (415), before the handler: a 4xx all the same.
    const none = await callOfficials({
      routeKey: 'POST /api/directives',
      path: '/api/directives',
      headers: { 'content-type': 'application/json' },
      claims: OFFICIAL,
    });
    const malformed = await postDirective('{"number": ', { key: randomUUID() });
    for (const response of [none, malformed]) {
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
    }
  });

  it('after all of the above the table holds no item, and nothing was started or sent', async () => {
    expect(await scanAll()).toEqual([]);
    expect(sfnMock.calls()).toHaveLength(0);
    expect(sesMock.calls()).toHaveLength(0);
  });
});

describe('unauthenticated', () => {
  it('an event without JWT claims gets 401 and stores nothing', async () => {
    const before = (await scanAll()).length;
    const response = await postDirective(directiveBody(), { key: randomUUID(), claims: null });
    expect(response.statusCode).toBe(401);
    expect(parseJson(response)).toMatchObject({ error: 'Unauthorized' });
    expect(await scanAll()).toHaveLength(before);
    expect(executionStarts()).toHaveLength(0);

    for (const [routeKey, rawPath, pathParameters] of [
      ['GET /api/directives', '/api/directives', undefined],
      ['GET /api/directives/{id}', '/api/directives/x', { id: 'x' }],
    ] as const) {
      const read = await callOfficials({ routeKey, path: rawPath, ...(pathParameters ? { pathParameters } : {}) });
      expect(read.statusCode).toBe(401);
    }
  });
});

describe('valid body', () => {
  it('201: the directive and one ISSUED assignment per recipient are stored, and the fan-out starts', async () => {
    const body = directiveBody({ number: '200/STTTT-BCVT' });
    const response = await postDirective(body, { key: randomUUID() });

    expect(response.statusCode, response.body).toBe(201);
    const created = parseJson<{ id: string; number: string; recipientCount: number; state: string }>(response);
    expect(created).toMatchObject({ number: '200/STTTT-BCVT', issuer: ISSUER, recipientCount: 3, state: 'OPEN' });
    expect(response.headers.location).toBe(`/api/directives/${created.id}`);

    const directive = await getRaw(`DIR#${created.id}`, 'DIRECTIVE');
    expect(directive).toMatchObject({ id: created.id, number: '200/STTTT-BCVT', subject: body.subject });
    expect(directive?.recipients).toBeUndefined();
    for (const r of RECIPIENTS) {
      const a = await getItem(created.id, r.id);
      expect(a).toMatchObject({
        recipientName: r.name,
        recipientEmail: r.email,
        status: 'ISSUED',
        version: 1,
        escalationLevel: 0,
      });
      expect(a.history.map((e) => e.type)).toEqual(['ISSUED']);
    }
    expect((await getItem(created.id, 'cong-an')).reports).toEqual({
      '1.3': { taskCode: '1.3', deadline: body.tasks[1]?.deadline },
    });
    expect((await getItem(created.id, 'dien-luc')).reports).toEqual({
      '2.2': { taskCode: '2.2', deadline: body.tasks[2]?.deadline },
    });
    const assignments = (await scanAll()).filter(
      (i) => i.pk === `DIR#${created.id}` && String(i.sk).startsWith('ASG#'),
    );
    expect(assignments).toHaveLength(RECIPIENTS.length);

    expect(executionStarts()).toEqual([
      { stateMachineArn: FANOUT_ARN, name: created.id, input: JSON.stringify({ directiveId: created.id }) },
    ]);
    expect(sesMock.calls()).toHaveLength(0);

    // The dashboard view reads it back.
    const read = await callOfficials({
      routeKey: 'GET /api/directives/{id}',
      path: `/api/directives/${created.id}`,
      pathParameters: { id: created.id },
      claims: OFFICIAL,
    });
    expect(read.statusCode).toBe(200);
    const view = parseJson<{ assignments: { recipientId: string; status: string; outcome: null }[] }>(read);
    expect(view.assignments.map((a) => [a.recipientId, a.status, a.outcome]).sort()).toEqual(
      RECIPIENTS.map((r) => [r.id, 'ISSUED', null]).sort(),
    );
  });

  it('the same body with the same Idempotency-Key: the same id, nothing stored twice, the fan-out start deduplicated', async () => {
    const key = randomUUID();
    const body = directiveBody({ number: '201/STTTT-BCVT' });
    sfnMock
      .on(StartExecutionCommand)
      .resolvesOnce({ executionArn: `${FANOUT_ARN}:first`, startDate: new Date() })
      .rejectsOnce(
        new ExecutionAlreadyExists({ message: 'Execution Already Exists', $metadata: { httpStatusCode: 400 } }),
      );

    const first = await postDirective(body, { key });
    expect(first.statusCode).toBe(201);
    const { id } = parseJson<{ id: string }>(first);
    const itemsAfterFirst = await scanAll();

    const second = await postDirective(body, { key });

    expect(second.statusCode).toBe(200);
    expect(parseJson<{ id: string }>(second).id).toBe(id);
    expect(await scanAll()).toEqual(itemsAfterFirst);
    const starts = executionStarts();
    expect(starts).toHaveLength(2);
    // The same execution name both times: Step Functions starts it once (the mock answered as it would).
    expect(starts[1]).toEqual(starts[0]);
    expect(starts[0]).toMatchObject({ stateMachineArn: FANOUT_ARN, name: id });
  });

  it('the same number and issuer without a key: the same id', async () => {
    const body = directiveBody({ number: '202/STTTT-BCVT' });
    const first = await postDirective(body);
    expect(first.statusCode).toBe(201);
    const { id } = parseJson<{ id: string }>(first);
    const count = (await scanAll()).length;

    const second = await postDirective(body);

    expect(second.statusCode).toBe(200);
    expect(parseJson<{ id: string }>(second).id).toBe(id);
    expect(await scanAll()).toHaveLength(count);
    const directives = (await scanAll()).filter((i) => i.sk === 'DIRECTIVE' && i.number === '202/STTTT-BCVT');
    expect(directives).toHaveLength(1);
  });

  it('the same key with a different body: 409, and nothing changes', async () => {
    const key = randomUUID();
    const body = directiveBody({ number: '203/STTTT-BCVT' });
    const first = await postDirective(body, { key });
    expect(first.statusCode).toBe(201);
    const { id } = parseJson<{ id: string }>(first);
    const before = await scanAll();

    const changed = await postDirective({ ...body, subject: `${body.subject} (sửa đổi)` }, { key });

    expect(changed.statusCode).toBe(409);
    expect(parseJson(changed)).toMatchObject({ error: 'Conflict' });
    expect(await scanAll()).toEqual(before);
    expect((await getRaw(`DIR#${id}`, 'DIRECTIVE'))?.subject).toBe(body.subject);
    expect(executionStarts()).toHaveLength(1);
  });

  it('a claim left by a request that stopped before its directive item: 409 within the lease, then finished without rewriting what moved', async () => {
    const key = randomUUID();
    const body = directiveBody({ number: '299/STTTT-BCVT' });
    const first = await postDirective(body, { key });
    expect(first.statusCode).toBe(201);
    const { id } = parseJson<{ id: string }>(first);
    // As if the first request had stopped after its assignments: no directive item, and (to show the finisher
    // writes only what is absent) one assignment carrying a mark a rewrite would erase.
    const table = config().TABLE_NAME;
    const moved = RECIPIENTS[0]?.id ?? '';
    await dynamo.send(new DeleteCommand({ TableName: table, Key: { pk: `DIR#${id}`, sk: 'DIRECTIVE' } }));
    await dynamo.send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: `DIR#${id}`, sk: `ASG#${moved}` },
        UpdateExpression: 'SET testMark = :m',
        ExpressionAttributeValues: { ':m': 'moved on' },
      }),
    );
    const stopped = await scanAll();

    const during = await postDirective(body, { key });

    expect(during.statusCode).toBe(409);
    expect(during.body).toContain('đang được ban hành');
    expect(await scanAll()).toEqual(stopped);

    vi.setSystemTime(WORKING_MORNING + CLAIM_LEASE_MS + 1000);
    const after = await postDirective(body, { key });

    expect(after.statusCode).toBe(201);
    expect(parseJson<{ id: string }>(after).id).toBe(id);
    expect((await getRaw(`DIR#${id}`, 'DIRECTIVE'))?.subject).toBe(body.subject);
    expect((await getRaw(`DIR#${id}`, `ASG#${moved}`))?.testMark).toBe('moved on');
    for (const r of RECIPIENTS) expect((await getItem(id, r.id)).status).toBe('ISSUED');
  });

  it('the same number and issuer with a different body and no key: 409', async () => {
    const body = { ...directiveBody({ number: '204/STTTT-BCVT' }), allowDuplicateNumber: false };
    expect((await postDirective(body)).statusCode).toBe(201);
    const before = (await scanAll()).length;

    const other = await postDirective({ ...body, recipients: RECIPIENTS.slice(0, 2), tasks: body.tasks.slice(0, 2) });

    expect(other.statusCode).toBe(409);
    expect(await scanAll()).toHaveLength(before);
  });
});

describe('GET /api/directives/{id} in pages', () => {
  it('returns the assignments a page at a time, with a cursor, and the kept counts', async () => {
    const { id } = await issue();
    const get = (query: Record<string, string>) =>
      callOfficials({
        routeKey: 'GET /api/directives/{id}',
        path: `/api/directives/${id}`,
        pathParameters: { id },
        query,
        claims: OFFICIAL,
      });
    const first = parseJson<{
      assignments: { recipientId: string }[];
      nextCursor: string | null;
      counts: Record<string, number>;
    }>(await get({ limit: '2' }));
    expect(first.assignments.map((a) => a.recipientId)).toEqual(['bchqs', 'cong-an']);
    expect(first.nextCursor).toBe('cong-an');
    expect(first.counts.inProgressOnTime).toBe(3);
    const second = parseJson<{ assignments: { recipientId: string }[]; nextCursor: string | null }>(
      await get({ limit: '2', cursor: first.nextCursor ?? '' }),
    );
    expect(second.assignments.map((a) => a.recipientId)).toEqual(['dien-luc']);
    expect(second.nextCursor).toBeNull();
    const whole = parseJson<{ assignments: unknown[]; nextCursor: string | null }>(await get({}));
    expect(whole.assignments).toHaveLength(3);
    expect(whole.nextCursor).toBeNull();
  });
});
