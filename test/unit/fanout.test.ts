import { randomUUID } from 'node:crypto';
import { ExecutionAlreadyExists, StartExecutionCommand, type StartExecutionCommandInput } from '@aws-sdk/client-sfn';
import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { executionName } from '#adapters/workflow.ts';
import { THROTTLE_BACKOFF } from '#app/fanout.ts';
import { handler as planHandler } from '#handlers/tasks/fanout-plan.ts';
import { handler as startHandler } from '#handlers/tasks/fanout-start.ts';
import { directiveBody, executionStarts, parseJson, postDirective, resetMocks, sfnMock } from './support/harness.ts';

/** The fan-out: batches of 50 by key range, one assignment execution per recipient, none started twice. */

const context = {} as Context;

beforeEach(() => {
  resetMocks();
});
afterEach(() => {
  vi.restoreAllMocks();
});

type Batch = { directiveId: string; after: string | null };

const issueTo = async (count: number, number: string) => {
  const body = directiveBody({ number });
  const recipients = Array.from({ length: count }, (_, i) => ({
    id: `ubnd.huyen-${String(i).padStart(3, '0')}`,
    name: `UBND huyện số ${i + 1}`,
    email: `huyen${i}@gialai.example`,
  }));
  const tasks = [{ ...body.tasks[1], assignees: recipients.map((r) => r.id) }];
  const response = await postDirective({ ...body, recipients, tasks }, { key: randomUUID() });
  expect(response.statusCode, response.body).toBe(201);
  return { id: parseJson<{ id: string }>(response).id, recipients };
};

describe('fan-out', () => {
  it('120 recipients: 3 batches, and one execution per recipient with an ASCII name derived from the ids', async () => {
    const { id, recipients } = await issueTo(120, '300/STTTT-BCVT');
    sfnMock.resetHistory();

    const plan = (await planHandler({ directiveId: id }, context)) as { directiveId: string; batches: Batch[] };

    expect(plan.batches).toHaveLength(3);
    expect(plan.batches[0]).toEqual({ directiveId: id, after: null });
    const results = [];
    for (const batch of plan.batches) results.push(await startHandler(batch, context));
    expect(results.map((r) => (r as { seen: number }).seen)).toEqual([50, 50, 20]);

    const starts = executionStarts();
    expect(starts).toHaveLength(120);
    const names = starts.map((s) => s.name ?? '');
    expect(new Set(names).size).toBe(120);
    expect(names.sort()).toEqual(recipients.map((r) => executionName(id, r.id)).sort());
    for (const name of names) expect(name).toMatch(/^[A-Za-z0-9_-]{1,80}$/);
    for (const s of starts) {
      expect(s.stateMachineArn).toBe(process.env.ASSIGNMENT_MACHINE_ARN);
      const input = JSON.parse(s.input ?? '{}');
      expect(Object.keys(input).sort()).toEqual(['directiveId', 'recipientId']);
      expect(input.directiveId).toBe(id);
    }
  });

  it('a retried batch starts nothing twice: ExecutionAlreadyExists is taken as already started', async () => {
    const { id } = await issueTo(3, '301/STTTT-BCVT');
    const batch: Batch = { directiveId: id, after: null };
    expect(await startHandler(batch, context)).toEqual({ started: 3, seen: 3 });

    sfnMock
      .on(StartExecutionCommand)
      .rejects(new ExecutionAlreadyExists({ message: 'Execution Already Exists', $metadata: { httpStatusCode: 400 } }));
    expect(await startHandler(batch, context)).toEqual({ started: 0, seen: 3 });
  });

  it('a throttled start waits and tries again: every execution starts, none is skipped', async () => {
    const { id, recipients } = await issueTo(5, '303/STTTT-BCVT');
    sfnMock.resetHistory();
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const throttled = new Map<string, number>();
    sfnMock.on(StartExecutionCommand).callsFake(async (input: StartExecutionCommandInput) => {
      // Each start is refused twice before it is admitted, as an empty bucket refuses it.
      const seen = throttled.get(input.name ?? '') ?? 0;
      throttled.set(input.name ?? '', seen + 1);
      if (seen < 2) throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
      return { executionArn: `${input.stateMachineArn}:${input.name}`, startDate: new Date() };
    });

    expect(await startHandler({ directiveId: id, after: null }, context)).toEqual({ started: 5, seen: 5 });
    expect(executionStarts()).toHaveLength(15);
    expect([...throttled.keys()].sort()).toEqual(recipients.map((r) => executionName(id, r.id)).sort());
  });

  it('a start throttled every time fails the batch after its attempts, so the Map state retries it', async () => {
    const { id } = await issueTo(1, '302/STTTT-BCVT');
    vi.spyOn(Math, 'random').mockReturnValue(0);
    sfnMock.resetHistory();
    sfnMock
      .on(StartExecutionCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));

    await expect(startHandler({ directiveId: id, after: null }, context)).rejects.toMatchObject({
      name: 'TransientError',
      message: expect.stringContaining('ThrottlingException'),
    });
    expect(executionStarts()).toHaveLength(THROTTLE_BACKOFF.attempts);
  });

  it('another start error fails the batch at once, without retrying it here', async () => {
    const { id } = await issueTo(1, '304/STTTT-BCVT');
    sfnMock.resetHistory();
    sfnMock.on(StartExecutionCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));

    await expect(startHandler({ directiveId: id, after: null }, context)).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
    expect(executionStarts()).toHaveLength(1);
  });
});
