import type { Faults } from '../faults.ts';
import { SfnError, type StepFunctionsEngine } from './engine.ts';
import type { SfnQuotas } from './quotas.ts';

/**
 * The Step Functions API (AWS JSON 1.0, `X-Amz-Target: AWSStepFunctions.<Action>`), for the SDK clients the
 * handlers already use. Dates are epoch seconds, as the service sends them.
 */
type Body = Record<string, unknown>;
const seconds = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * What AWS answers a call over its token bucket (awsJson1_0: HTTP 400, the shape's id in `__type`): the SDK
 * keeps what follows `#` as the error's name, and its retry strategy classes `ThrottlingException` as a throttle.
 */
export const THROTTLED = { __type: 'com.amazon.coral.availability#ThrottlingException', message: 'Rate exceeded' };

/** What Step Functions answers when it is unavailable (a 5xx the SDK and the tasks take as "try again"). */
export const UNAVAILABLE = {
  __type: 'com.amazonaws.swf.service.v2.model#ServiceUnavailable',
  message: 'Service Unavailable (a fault armed by POST /_local/faults)',
};

export const stepFunctionsApi = (engine: StepFunctionsEngine, quotas?: SfnQuotas, faults?: Faults) => {
  const actions: Record<string, (b: Body) => unknown> = {
    CreateStateMachine: (b) => {
      const name = String(b.name);
      const arn = `arn:aws:states:ap-southeast-1:000000000000:stateMachine:${name}`;
      engine.register({ name, arn, definition: JSON.parse(String(b.definition)) });
      return { stateMachineArn: arn, creationDate: seconds(Date.now()) };
    },
    DescribeStateMachine: (b) => {
      const m = engine.machine(String(b.stateMachineArn));
      return {
        stateMachineArn: m.arn,
        name: m.name,
        status: 'ACTIVE',
        definition: JSON.stringify(m.definition),
        roleArn: 'arn:aws:iam::000000000000:role/local',
        type: 'STANDARD',
        creationDate: seconds(m.createdAt),
      };
    },
    ListStateMachines: () => ({
      stateMachines: engine
        .listMachines()
        .map((m) => ({ stateMachineArn: m.arn, name: m.name, type: 'STANDARD', creationDate: seconds(m.createdAt) })),
    }),
    StartExecution: (b) => {
      const e = engine.start(String(b.stateMachineArn), str(b.name), str(b.input));
      return { executionArn: e.arn, startDate: seconds(e.startDate) };
    },
    DescribeExecution: (b) => {
      const e = engine.describe(String(b.executionArn));
      return {
        executionArn: e.arn,
        stateMachineArn: e.stateMachineArn,
        name: e.name,
        status: e.status,
        startDate: seconds(e.startDate),
        stopDate: seconds(e.stopDate),
        input: e.input,
        output: e.output,
        error: e.error,
        cause: e.cause,
      };
    },
    ListExecutions: (b) => {
      const all = engine.list(String(b.stateMachineArn), str(b.statusFilter));
      const start = Number(b.nextToken ?? 0);
      const size = Number(b.maxResults ?? 100) || 100;
      const page = all.slice(start, start + size);
      return {
        executions: page.map((e) => ({
          executionArn: e.arn,
          stateMachineArn: e.stateMachineArn,
          name: e.name,
          status: e.status,
          startDate: seconds(e.startDate),
          stopDate: seconds(e.stopDate),
        })),
        ...(start + size < all.length ? { nextToken: String(start + size) } : {}),
      };
    },
    GetExecutionHistory: (b) => {
      const e = engine.describe(String(b.executionArn));
      const events = e.history.map((h, i) => ({
        id: i + 1,
        previousEventId: i,
        timestamp: seconds(h.timestamp),
        type: h.type,
        ...(h.state ? { stateEnteredEventDetails: { name: h.state } } : {}),
      }));
      if (b.reverseOrder) events.reverse();
      const start = Number(b.nextToken ?? 0);
      const size = Number(b.maxResults ?? 1000) || 1000;
      return {
        events: events.slice(start, start + size),
        ...(start + size < events.length ? { nextToken: String(start + size) } : {}),
      };
    },
    SendTaskSuccess: (b) => {
      engine.sendTaskSuccess(String(b.taskToken), String(b.output));
      return {};
    },
    SendTaskFailure: (b) => {
      engine.sendTaskFailure(String(b.taskToken), str(b.error), str(b.cause));
      return {};
    },
    SendTaskHeartbeat: () => ({}),
    StopExecution: (b) => {
      const e = engine.stop(String(b.executionArn), str(b.error), str(b.cause));
      return { stopDate: seconds(e.stopDate ?? Date.now()) };
    },
  };

  return (target: string, body: Body): { status: number; body: unknown } => {
    const name = target.replace(/^AWSStepFunctions\./, '');
    const action = actions[name];
    if (!action) return { status: 400, body: { __type: 'UnknownOperationException', message: target } };
    // Over the quota nothing is done: no execution started, no task woken.
    if (quotas && !quotas.admit(name)) return { status: 400, body: THROTTLED };
    if (name === 'StartExecution' && faults?.take('sfn')) return { status: 503, body: UNAVAILABLE };
    try {
      return { status: 200, body: action(body) };
    } catch (error) {
      if (error instanceof SfnError) return { status: 400, body: { __type: error.type, message: error.message } };
      throw error;
    }
  };
};
