import { SendRawEmailCommand } from '@aws-sdk/client-ses';
import { SendTaskSuccessCommand, TaskTimedOut } from '@aws-sdk/client-sfn';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { logger } from '#adapters/observability.ts';
import { acknowledgeReceipt } from '#app/acknowledge.ts';
import { openLink } from '#app/open-link.ts';
import { reassign } from '#app/reassign.ts';
import { GoneError } from '#core/errors.ts';
import type { Official } from '#core/official.ts';
import {
  deliverAndWait,
  deliverTo,
  fakeTaskToken,
  getItem,
  historyTypes,
  issue,
  planInOutput,
  postAcknowledge,
  postReport,
  resetMocks,
  runAwaitHuman,
  scanAll,
  sesMock,
  sfnMock,
  submissionOf,
  taskSuccesses,
} from './support/harness.ts';

/** Two things at once: duplicate clicks, and a click that lands while the execution is between two waits. */

beforeEach(() => {
  resetMocks();
});

describe('duplicate acknowledgements', () => {
  it('20 concurrent POSTs: one ACKNOWLEDGED event, one version bump, every answer 200, one wake-up', async () => {
    const { id } = await issue();
    const { token, taskToken } = await deliverAndWait(id, 'cong-an');
    sesMock.resetHistory();

    const responses = await Promise.all(Array.from({ length: 20 }, () => postAcknowledge(token)));

    expect(responses.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    const confirmed = responses.filter((r) =>
      r.body.includes('Cơ quan ban hành đã nhận được xác nhận của Công an tỉnh.'),
    );
    const alreadyDone = responses.filter((r) => r.body.includes('Đã thực hiện trước đó'));
    expect(confirmed).toHaveLength(1);
    expect(alreadyDone).toHaveLength(19);
    for (const r of alreadyDone) expect(r.body).toContain('Đơn vị đã báo nhận công văn.');
    expect(responses.some((r) => r.body.includes('Lỗi hệ thống'))).toBe(false);

    const item = await getItem(id, 'cong-an');
    expect(item.status).toBe('ACKNOWLEDGED');
    expect(item.version).toBe(3);
    expect(historyTypes(item)).toEqual(['ISSUED', 'DELIVERED', 'ACKNOWLEDGED']);
    expect(historyTypes(item).filter((t) => t === 'ACKNOWLEDGED')).toHaveLength(1);

    const woken = taskSuccesses();
    expect(woken).toHaveLength(1);
    expect(woken[0]?.taskToken).toBe(taskToken);
    expect(planInOutput(woken[0]?.output, { directiveId: id, recipientId: 'cong-an' })).toMatchObject({
      status: 'ACKNOWLEDGED',
      version: 3,
    });
    expect(sesMock.commandCalls(SendRawEmailCommand)).toHaveLength(0);
  });

  it('concurrent reports of the same task: one REPORTED, one COMPLETED, the rest already done', async () => {
    const { id } = await issue();
    const { token } = await deliverAndWait(id, 'dien-luc');

    const responses = await Promise.all(Array.from({ length: 10 }, (_, i) => postReport(token, '2.2', `Bản ${i}`)));

    expect(responses.map((r) => r.statusCode)).toEqual(Array(10).fill(200));
    expect(responses.filter((r) => r.body.includes('Đã thực hiện trước đó'))).toHaveLength(9);
    const item = await getItem(id, 'dien-luc');
    expect(historyTypes(item)).toEqual(['ISSUED', 'DELIVERED', 'ACKNOWLEDGED', 'REPORTED', 'COMPLETED']);
    expect(item.version).toBe(3);
    expect((await submissionOf(id, 'dien-luc', item.reports['2.2']?.reportId))?.text).toMatch(/^Bản \d$/);
    // The nine refused reports left nothing behind.
    expect((await scanAll()).filter((i) => String(i.sk).startsWith('SUB#dien-luc#'))).toHaveLength(1);
    expect(taskSuccesses()).toHaveLength(1);
  });

  it('a wake-up that finds the wait already over (TaskTimedOut) still answers 200: the stored status is the truth', async () => {
    const { id } = await issue();
    const { token } = await deliverAndWait(id, 'bchqs');
    sfnMock
      .on(SendTaskSuccessCommand)
      .rejects(new TaskTimedOut({ message: 'Task Timed Out', $metadata: { httpStatusCode: 400 } }));

    const response = await postAcknowledge(token);

    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Cơ quan ban hành đã nhận được xác nhận của Bộ Chỉ huy Quân sự tỉnh.');
    expect((await getItem(id, 'bchqs')).status).toBe('ACKNOWLEDGED');
    expect(taskSuccesses()).toHaveLength(1);
  });

  it('a wake-up that fails for another reason keeps the acknowledgement; a second click says already done', async () => {
    const { id } = await issue();
    const { token } = await deliverAndWait(id, 'bchqs');
    sfnMock.on(SendTaskSuccessCommand).rejects(Object.assign(new Error('boom'), { name: 'InternalFailure' }));
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined);

    const response = await postAcknowledge(token);

    const logs = logged.mock.calls.map(
      (args) => `${String(args[0])} ${String((args[1] as { error?: unknown })?.error)}`,
    );
    logged.mockRestore();
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain('InternalFailure: boom');
    expect(response.body).not.toContain('boom');
    expect((await getItem(id, 'bchqs')).status).toBe('ACKNOWLEDGED');
    const again = await postAcknowledge(token);
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('Đã thực hiện trước đó');
    expect((await getItem(id, 'bchqs')).version).toBe(3);
  });
});

describe('a move that lands between opening a link and acting on it', () => {
  it('the old address\'s acknowledgement is refused with 410 "moved" and changes nothing', async () => {
    const { id } = await issue();
    const { token } = await deliverAndWait(id, 'cong-an');
    const opened = await openLink(token, new Date().toISOString());
    await reassign(id, 'cong-an', { email: 'vanthu.conganh@gialai.gov.vn' }, { name: 'Cán bộ văn phòng' } as Official);

    const refused = await acknowledgeReceipt(opened).catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(GoneError);
    expect((refused as GoneError).problem.code).toBe('link.reassigned');
    const item = await getItem(id, 'cong-an');
    expect(item.status).toBe('DELIVERED');
    expect(historyTypes(item)).toEqual(['ISSUED', 'DELIVERED', 'REASSIGNED']);
  });
});

describe('await-human race', () => {
  it('the item moved since the plan: the token is not stored and the wait ends at once with a fresh plan', async () => {
    const { id } = await issue();
    const { output, token } = await deliverTo(id, 'cong-an');
    expect(output.plan.version).toBe(2);
    // The recipient clicks while the execution is between Deliver and AwaitRecipient: no token to wake.
    expect((await postAcknowledge(token)).statusCode).toBe(200);
    expect(taskSuccesses()).toHaveLength(0);
    const acknowledged = await getItem(id, 'cong-an');
    expect(acknowledged.version).toBe(3);

    const taskToken = fakeTaskToken();
    const result = await runAwaitHuman(id, 'cong-an', taskToken, output.plan);

    expect(result).toEqual({ stored: false });
    const item = await getItem(id, 'cong-an');
    expect(item.taskToken).toBeUndefined();
    expect(item.tokenVersion).toBeUndefined();
    expect(item).toEqual(acknowledged);
    const woken = taskSuccesses();
    expect(woken).toHaveLength(1);
    expect(woken[0]?.taskToken).toBe(taskToken);
    const out = JSON.parse(woken[0]?.output ?? '{}');
    expect(out).toMatchObject({ directiveId: id, recipientId: 'cong-an' });
    expect(out.plan).toMatchObject({ done: false, status: 'ACKNOWLEDGED', version: 3 });
    expect(out.plan.timeoutSeconds).toBeGreaterThan(0);
  });

  it('the item completed since the plan: the fresh plan says done', async () => {
    const { id } = await issue();
    const { output, token } = await deliverTo(id, 'dien-luc');
    expect((await postReport(token, '2.2')).statusCode).toBe(200);

    const taskToken = fakeTaskToken();
    expect(await runAwaitHuman(id, 'dien-luc', taskToken, output.plan)).toEqual({ stored: false });

    const out = JSON.parse(taskSuccesses()[0]?.output ?? '{}');
    expect(out.plan).toMatchObject({ done: true, status: 'COMPLETED', version: 3 });
    expect((await getItem(id, 'dien-luc')).taskToken).toBeUndefined();
  });

  it('a plan of the current version stores the token, replacing an older one', async () => {
    const { id } = await issue();
    const { taskToken: first, token } = await deliverAndWait(id, 'bchqs');
    expect((await postAcknowledge(token)).statusCode).toBe(200);
    const plan = planInOutput(taskSuccesses()[0]?.output, { directiveId: id, recipientId: 'bchqs' });
    expect(plan.version).toBe(3);

    const second = fakeTaskToken();
    expect(await runAwaitHuman(id, 'bchqs', second, plan)).toEqual({ stored: true });

    const item = await getItem(id, 'bchqs');
    expect(item.taskToken).toBe(second);
    expect(item.taskToken).not.toBe(first);
    expect(item.tokenVersion).toBe(3);
    expect(item.version).toBe(3);
    expect(taskSuccesses()).toHaveLength(1);
  });
});
