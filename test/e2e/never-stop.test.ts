import { SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { afterEach, describe, expect, it } from 'vitest';
import { scanEverything, serviceEndpoint } from '../support/dynamo.ts';
import {
  GIAM_DOC,
  giaLaiDirective,
  hanoi,
  iso,
  linkOf,
  type Mail,
  mailsTo,
  type Runtime,
  recipients,
  startRuntime,
} from '../support/runtime.ts';

/**
 * An open assignment always reaches its escalation: a failing SES is retried, a step that keeps failing is
 * recorded and resumed later, an execution that is stopped is started again by the sweeper, and a deadline
 * beyond an execution's life is reached by the next execution. Nothing is sent twice, and no execution of an
 * open assignment ends FAILED.
 */

// Wednesday 04/03/2026 09:00; the deadline is Friday 17:00, so reminders fall on Wednesday 17:00, Thursday
// 17:00 and Friday 08:00, and the escalation at Friday 17:00.
const DEADLINE = hanoi('2026-03-06T17:00');
const [agency] = recipients('cap-thoat-nuoc') as [ReturnType<typeof recipients>[number]];

let rt: Runtime | undefined;
afterEach(async () => {
  await rt?.dispose();
  rt = undefined;
});

/** Issues the directive to one agency, which acknowledges at once; returns its id. */
const issueAndAcknowledge = async (runtime: Runtime, number: string, deadline = DEADLINE) => {
  const now = await runtime.clock();
  const { id } = await runtime.issue(giaLaiDirective({ now, recipients: [agency], deadline, number }));
  await runtime.settle();
  const invitation = (await runtime.mailsTo(agency.email))[0];
  if (!invitation) throw new Error('no invitation');
  expect((await runtime.form(`${linkOf(invitation).path}/acknowledge`)).status).toBe(200);
  await runtime.settle();
  return id;
};

const reminders = (mails: Mail[]) => mailsTo(mails, agency.email).filter((m) => m.subject.startsWith('Nhắc hạn'));
const escalations = (mails: Mail[]) => mailsTo(mails, GIAM_DOC.email).filter((m) => m.subject.startsWith('Quá hạn'));
const arm = (runtime: Runtime, ses: number) => runtime.call('POST', '/_local/faults', { ses });
const executionsOf = async (runtime: Runtime, id: string) =>
  (await runtime.executions(id)).filter((e) => e.stateMachineArn.endsWith('-assignment'));

describe('SES failing for a while', () => {
  it('three 503s before a reminder and before the escalation: both go out once, the execution runs on', async () => {
    rt = await startRuntime();
    const id = await issueAndAcknowledge(rt, 'FAULTS-1');

    expect((await arm(rt, 3)).status).toBe(200);
    await rt.advanceTo(hanoi('2026-03-04T17:05'));
    expect(reminders(await rt.outbox())).toHaveLength(1);
    expect((await rt.call<{ ses: number }>('GET', '/_local/faults')).json.ses).toBe(0);

    await rt.advanceTo(hanoi('2026-03-06T16:00'));
    expect(reminders(await rt.outbox())).toHaveLength(3);
    await arm(rt, 3);
    await rt.advanceTo(hanoi('2026-03-06T17:05'));

    const mails = await rt.outbox();
    expect(reminders(mails)).toHaveLength(3);
    expect(escalations(mails)).toHaveLength(1);
    expect((await rt.call<{ ses: number }>('GET', '/_local/faults')).json.ses).toBe(0);
    const [execution] = await executionsOf(rt, id);
    expect(execution?.status).toBe('RUNNING');
    // Retried within the step: nothing had to be recovered.
    const a = await rt.assignment(id, agency.id);
    expect(a.history.filter((e) => e.type === 'STEP_FAILED')).toEqual([]);
    expect(a.escalationLevel).toBe(1);
  });

  it('failing past every retry: the failure is recorded, and the escalation goes out once SES is back', async () => {
    rt = await startRuntime();
    const id = await issueAndAcknowledge(rt, 'FAULTS-2');
    await rt.advanceTo(hanoi('2026-03-06T16:00'));

    await arm(rt, 10_000);
    await rt.advanceTo(hanoi('2026-03-06T17:45'));
    expect(escalations(await rt.outbox())).toEqual([]);
    let a = await rt.assignment(id, agency.id);
    expect(a.history.filter((e) => e.type === 'STEP_FAILED').length).toBeGreaterThanOrEqual(1);
    expect(a.history.find((e) => e.type === 'STEP_FAILED')?.detail).toContain('ServiceUnavailable');
    expect((await executionsOf(rt, id))[0]?.status).toBe('RUNNING');

    await arm(rt, 0);
    await rt.advanceTo(hanoi('2026-03-06T20:00'));
    const sent = escalations(await rt.outbox());
    expect(sent).toHaveLength(1);
    expect(Date.parse(sent[0]?.sentAt ?? '')).toBeGreaterThan(Date.parse(hanoi('2026-03-06T17:45')));
    a = await rt.assignment(id, agency.id);
    expect(a.escalationLevel).toBe(1);
    expect(a.status).toBe('ACKNOWLEDGED');
    expect((await executionsOf(rt, id))[0]?.status).toBe('RUNNING');
  });
});

describe('a fan-out whose starts keep failing', () => {
  it('records the failure, waits and plans again: the agency is invited once Step Functions is back', async () => {
    // The fan-out is held after its start, so that the fault meets its own starts, not the one that issues it.
    rt = await startRuntime({ sfnHoldRuns: 'Fanout' });
    const dynamo = serviceEndpoint(rt.log(50_000), 'DynamoDB');
    const now = await rt.clock();
    const { id } = await rt.issue(
      giaLaiDirective({ now, recipients: [agency], deadline: DEADLINE, number: 'FANOUT-1' }),
    );
    const fanoutOf = async () => (await rt?.executions(id))?.find((e) => e.name === id);
    expect((await rt.call('POST', '/_local/faults', { sfn: 10_000 })).status).toBe(200);
    expect((await rt.call('POST', '/_local/executions/release')).status).toBe(200);

    await rt.advance('PT30M');

    expect(await executionsOf(rt, id)).toEqual([]);
    expect((await fanoutOf())?.status).toBe('RUNNING');
    const items = await scanEverything(dynamo);
    const failure = items.find((i) => i.pk === `DIR#${id}` && i.sk === 'FANOUT');
    expect(failure?.attempt).toBeGreaterThanOrEqual(2);
    expect(failure?.error).toContain('ServiceUnavailable');
    expect(await rt.mailsTo(agency.email)).toEqual([]);

    await rt.call('POST', '/_local/faults', { sfn: 0 });
    await rt.advance('PT2H');

    expect((await fanoutOf())?.status).toBe('SUCCEEDED');
    expect((await executionsOf(rt, id)).map((e) => e.status)).toEqual(['RUNNING']);
    expect(await rt.mailsTo(agency.email)).toHaveLength(1);
  });
});

describe('an execution that stops', () => {
  it('is started again by the sweeper from the stored item, and the escalation still goes out once', async () => {
    rt = await startRuntime();
    const id = await issueAndAcknowledge(rt, 'SWEEP-1');
    const [first] = await executionsOf(rt, id);
    if (!first) throw new Error('no execution');
    const sfn = new SFNClient({
      endpoint: serviceEndpoint(rt.log(50_000), 'AWS endpoint'),
      region: 'ap-southeast-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await sfn.send(new StopExecutionCommand({ executionArn: first.arn, cause: 'stopped by hand in a test' }));
    sfn.destroy();

    await rt.advanceTo(hanoi('2026-03-06T17:05'));

    const mails = await rt.outbox();
    // The reminder of Wednesday 17:00 went out late (at the first sweep after its wake-up), the rest on time.
    expect(reminders(mails)).toHaveLength(3);
    expect(escalations(mails)).toHaveLength(1);
    const executions = await executionsOf(rt, id);
    expect(executions.map((e) => e.status).sort()).toEqual(['ABORTED', 'RUNNING']);
    const a = await rt.assignment(id, agency.id);
    expect(a.history.filter((e) => e.type === 'RESUMED')).toHaveLength(1);
    expect(a.escalationLevel).toBe(1);
  });
});

describe('a deadline beyond the life of one execution', () => {
  it('is reached by the next execution, which goes on from the stored item', async () => {
    // Executions renew after RENEW_AFTER_DAYS (300 on AWS, 20 here so that the test plays fewer days).
    rt = await startRuntime({ env: { RENEW_AFTER_DAYS: '20' } });
    const deadline = iso(hanoi('2026-03-06T17:00'), 45 * 86_400_000);
    const id = await issueAndAcknowledge(rt, 'RENEW-1', deadline);

    await rt.advanceTo(iso(deadline, 5 * 60_000));

    expect(escalations(await rt.outbox())).toHaveLength(1);
    const executions = await executionsOf(rt, id);
    expect(executions.filter((e) => e.status === 'RUNNING')).toHaveLength(1);
    expect(executions.filter((e) => e.status === 'SUCCEEDED').length).toBeGreaterThanOrEqual(1);
    expect(executions.every((e) => e.status === 'RUNNING' || e.status === 'SUCCEEDED')).toBe(true);
    const a = await rt.assignment(id, agency.id);
    expect(a.history.filter((e) => e.type === 'RESUMED').length).toBe(executions.length - 1);
  });
});
