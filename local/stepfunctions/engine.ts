import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { StateMachine, type StateMachineDefinition, type TimerProvider } from 'aws-local-stepfunctions';
import type { LambdaRuntime } from '../lambda-runtime.ts';
import { type Definition, RESUMED, resumedAt, type StateDef, taskStates, timeoutOf } from './definitions.ts';
import { type ExecutionRecord, Journal } from './journal.ts';
import type { SfnQuotas } from './quotas.ts';
import { countingTimers } from './timers.ts';

/** An error the endpoint answers with its AWS name (`__type`), as the SDK expects. */
export class SfnError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

type EventLog = ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;
type Machine = { name: string; arn: string; definition: Definition; createdAt: number };
type PendingTask = {
  executionArn: string;
  resolve: (output: unknown) => void;
  reject: (error: Error) => void;
};
type Execution = ExecutionRecord & {
  parked: boolean;
  /** Workflow-time timers it waits on: a Wait state, a Retry's interval, a Task's timeout. */
  timers: number;
  history: { timestamp: number; type: string; state?: string; detail?: unknown }[];
  abort?: () => void;
};

/**
 * A Step Functions engine over aws-local-stepfunctions: executions of registered machines, task tokens, the
 * service's answers (ExecutionAlreadyExists, TaskTimedOut…) and durability. Durability restarts each open
 * execution at the top-level state it last entered, with that state's input and its absolute deadline; the
 * tasks it re-runs are idempotent, and the stored item, not the engine, holds the workflow's truth.
 */
export class StepFunctionsEngine extends EventEmitter {
  private readonly machines = new Map<string, Machine>();
  private readonly executions = new Map<string, Execution>();
  private readonly tasks = new Map<string, PendingTask>();
  private readonly journal: Journal;
  /** The execution whose code is running, so that a timer it sets is known to be its own. */
  private readonly current = new AsyncLocalStorage<Execution>();
  /** AWS's token buckets, when `--sfn-quotas` asks: every state entered takes one, and tasks wait off the debt. */
  quotas?: SfnQuotas;
  /**
   * `--sfn-hold-runs <name>`: executions of the machines whose name contains this are started (named, counted,
   * journaled, visible) but not run until `release()`. On AWS the executions a fan-out starts run on the service's
   * capacity, not on the fan-out's; locally they share one thread, so without this a bench of how fast the
   * fan-out starts them against StartExecution's quota measures the runtime running them instead.
   */
  holdRunsOf?: string;
  private readonly held: Execution[] = [];

  constructor(
    private readonly lambda: LambdaRuntime,
    journalFile?: string,
  ) {
    super();
    this.setMaxListeners(0);
    this.journal = new Journal(journalFile);
    lambda.onActivity = () => this.emit('change');
  }

  register(machine: { name: string; arn: string; definition: Record<string, unknown> }) {
    // Validates once (and refuses JSONata): runs use the definition without validating it again. The
    // validator writes defaults into what it checks, so it gets a copy: the engine runs the ASL as synthesized.
    const definition = structuredClone(machine.definition) as Definition;
    new StateMachine(structuredClone(definition) as unknown as StateMachineDefinition, {
      validationOptions: { checkArn: false },
    });
    this.machines.set(machine.arn, { ...machine, definition, createdAt: Date.now() });
  }

  machine(arn: string) {
    const m = this.machines.get(arn);
    if (!m) throw new SfnError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return m;
  }

  listMachines() {
    return [...this.machines.values()];
  }

  /**
   * The clock's timer provider, counting each execution's pending timers: an execution that only waits on the
   * clock (a Wait state, a Retry's interval) is as quiet as one parked on a task token.
   */
  trackTimers(base: TimerProvider): TimerProvider {
    return countingTimers(
      base,
      () => this.current.getStore(),
      () => this.emit('change'),
    );
  }

  /** Restores the journal and restarts every execution that was running when the process died. */
  resume() {
    for (const record of this.journal.load().values()) {
      const execution: Execution = { ...record, parked: false, timers: 0, history: [] };
      this.executions.set(record.arn, execution);
      if (record.status === 'RUNNING') this.run(execution, record.current);
    }
  }

  start(stateMachineArn: string, name: string | undefined, input: string | undefined) {
    const machine = this.machine(stateMachineArn);
    const executionName = name ?? randomUUID();
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(executionName))
      throw new SfnError('InvalidName', `Invalid Name: '${executionName}'`);
    const arn = `${machine.arn.replace(':stateMachine:', ':execution:')}:${executionName}`;
    const text = input ?? '{}';
    try {
      JSON.parse(text);
    } catch {
      throw new SfnError('InvalidExecutionInput', 'Invalid execution input: not JSON');
    }
    const existing = this.executions.get(arn);
    if (existing) {
      // StartExecution is idempotent for the same name and input while the execution runs.
      if (existing.status === 'RUNNING' && existing.input === text) return existing;
      throw new SfnError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
    }
    const execution: Execution = {
      arn,
      name: executionName,
      stateMachineArn,
      input: text,
      status: 'RUNNING',
      startDate: Date.now(),
      parked: false,
      timers: 0,
      history: [],
    };
    this.executions.set(arn, execution);
    this.journal.started(execution);
    if (this.holdRunsOf && machine.name.includes(this.holdRunsOf)) this.held.push(execution);
    else this.run(execution);
    return execution;
  }

  /** Runs every execution `--sfn-hold-runs` held back, in the order they were started; how many. */
  release() {
    const held = this.held.splice(0);
    for (const execution of held) this.run(execution);
    return held.length;
  }

  private run(execution: Execution, at?: ExecutionRecord['current']) {
    const machine = this.machine(execution.stateMachineArn);
    const definition = resumedAt(machine.definition, at);
    const sm = new StateMachine(definition as unknown as StateMachineDefinition, {
      validationOptions: { noValidate: true },
    });
    let minted: string | undefined;
    const mint = () => {
      minted = Buffer.from(JSON.stringify({ e: execution.arn, n: randomUUID() })).toString('base64url');
      return minted;
    };
    const overrides = Object.fromEntries(
      [...taskStates(definition).entries()].map(([name, state]) => [
        name,
        (input: unknown, options?: { signal: AbortSignal }) => {
          const token = minted;
          minted = undefined;
          return this.runTask(
            execution,
            state,
            input as Record<string, unknown>,
            token,
            options?.signal,
          ) as Promise<never>;
        },
      ]),
    );
    const input = (at ? at.input : JSON.parse(execution.input)) as never;
    const { result, eventLogs, abort } = this.current.run(execution, () =>
      sm.run(input, {
        overrides: { taskResourceLocalHandlers: overrides },
        context: {
          Execution: {
            Id: execution.arn,
            Name: execution.name,
            StartTime: new Date(execution.startDate).toISOString(),
          },
          StateMachine: { Id: machine.arn, Name: machine.name },
          Task: {
            get Token() {
              return mint();
            },
          },
        },
      }),
    );
    execution.abort = abort;
    void this.record(execution, machine, eventLogs);
    result.then(
      (output) => this.finish(execution, 'SUCCEEDED', { output: JSON.stringify(output ?? null) }),
      (error: Error & { cause?: Error }) => {
        if (error.name === 'ExecutionAbortedError') return this.finish(execution, 'ABORTED', {});
        const cause = error.cause instanceof Error ? error.cause : error;
        this.finish(execution, 'FAILED', { error: cause.name, cause: cause.message });
      },
    );
  }

  private async record(execution: Execution, machine: Machine, events: AsyncIterable<EventLog>) {
    for await (const event of events) {
      const nested = 'index' in event && event.index !== undefined;
      if (event.type === 'StateEntered') this.quotas?.transition();
      if (execution.history.length < 25_000) {
        execution.history.push({
          timestamp: event.timestamp,
          type: event.type,
          ...('state' in event ? { state: event.state.name } : {}),
          ...('Error' in event ? { detail: { error: event.Error, cause: event.Cause } } : {}),
        });
      }
      if (event.type === 'StateEntered' && !nested && execution.status === 'RUNNING') {
        const name = event.state.name;
        const state = machine.definition.States[name.replace(RESUMED, '')] ?? {};
        const seconds = timeoutOf(state, event.state.input);
        execution.current = {
          state: name,
          input: event.state.input,
          enteredAt: event.timestamp,
          ...(seconds !== undefined ? { timeoutAt: event.timestamp + seconds * 1000 } : {}),
        };
        this.journal.entered(execution.arn, execution.current);
      }
    }
  }

  private async runTask(
    execution: Execution,
    state: StateDef,
    input: Record<string, unknown>,
    token: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<unknown> {
    if (this.quotas) await this.quotas.paced();
    const resource = String(state.Resource);
    if (resource.endsWith(':lambda:invoke.waitForTaskToken')) {
      if (!token) throw new SfnError('States.Runtime', 'A .waitForTaskToken task must pass $$.Task.Token');
      const settled = new Promise<unknown>((resolve, reject) =>
        this.tasks.set(token, { executionArn: execution.arn, resolve, reject }),
      );
      signal?.addEventListener('abort', () => {
        // Timed out: the token dies with the wait, and the execution moves on.
        this.tasks.delete(token);
        this.setParked(execution, false);
      });
      try {
        await this.lambda.invoke(String(input.FunctionName), input.Payload);
      } catch (error) {
        this.tasks.delete(token);
        throw error;
      }
      if (this.tasks.has(token)) this.setParked(execution, true);
      return settled;
    }
    if (resource.endsWith(':lambda:invoke')) {
      const payload = await this.lambda.invoke(String(input.FunctionName), input.Payload);
      return { Payload: payload ?? null, StatusCode: 200, ExecutedVersion: '$LATEST' };
    }
    if (this.lambda.has(resource)) return this.lambda.invoke(resource, input);
    throw new SfnError('States.Runtime', `Resource ${resource} is not available locally`);
  }

  private setParked(execution: Execution, parked: boolean) {
    execution.parked = parked;
    this.emit('change');
  }

  private finish(execution: Execution, status: ExecutionRecord['status'], end: Partial<ExecutionRecord>) {
    if (execution.status !== 'RUNNING') return;
    Object.assign(execution, end, { status, stopDate: Date.now(), parked: false });
    delete execution.current;
    delete execution.abort;
    this.journal.ended(execution);
    this.emit('change');
  }

  private pending(token: string) {
    let executionArn: string | undefined;
    try {
      executionArn = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')).e;
    } catch {}
    if (!executionArn) throw new SfnError('InvalidToken', 'Invalid Token');
    const task = this.tasks.get(token);
    // A well-formed token with no open task: its wait timed out, or the execution moved on or ended.
    if (!task) throw new SfnError('TaskTimedOut', 'Task Timed Out');
    this.tasks.delete(token);
    const execution = this.executions.get(task.executionArn);
    if (execution) this.setParked(execution, false);
    return task;
  }

  sendTaskSuccess(token: string, output: string) {
    let value: unknown;
    try {
      value = JSON.parse(output);
    } catch {
      throw new SfnError('InvalidOutput', 'Invalid output: not JSON');
    }
    this.pending(token).resolve(value);
  }

  sendTaskFailure(token: string, error?: string, cause?: string) {
    this.pending(token).reject(Object.assign(new Error(cause ?? ''), { name: error ?? 'States.TaskFailed' }));
  }

  stop(arn: string, error?: string, cause?: string) {
    const execution = this.describe(arn);
    if (execution.status !== 'RUNNING') return execution;
    for (const [token, task] of this.tasks) if (task.executionArn === arn) this.tasks.delete(token);
    execution.abort?.();
    this.finish(execution, 'ABORTED', { ...(error ? { error } : {}), ...(cause ? { cause } : {}) });
    return execution;
  }

  describe(arn: string) {
    const execution = this.executions.get(arn);
    if (!execution) throw new SfnError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return execution;
  }

  list(stateMachineArn: string, status?: string) {
    this.machine(stateMachineArn);
    return [...this.executions.values()]
      .filter((e) => e.stateMachineArn === stateMachineArn && (!status || e.status === status))
      .sort((a, b) => b.startDate - a.startDate);
  }

  /** Every execution whose name starts with `prefix` (an assignment's name starts with its directive id). */
  named(prefix: string) {
    return [...this.executions.values()].filter((e) => e.name.startsWith(prefix));
  }

  /** Counts for the local dashboard and the benchmarks. */
  stats() {
    let running = 0;
    let parked = 0;
    for (const e of this.executions.values()) {
      if (e.status !== 'RUNNING') continue;
      running++;
      if (e.parked) parked++;
    }
    const quotas = this.quotas ? { quotas: this.quotas.stats() } : {};
    const held = this.holdRunsOf ? { held: this.held.length } : {};
    return { running, parked, openTasks: this.tasks.size, inFlight: this.lambda.inFlight, ...quotas, ...held };
  }

  /** True when every running execution waits for a human or for the clock, and no handler is running. */
  isQuiet() {
    if (this.lambda.inFlight > 0) return false;
    for (const e of this.executions.values()) if (e.status === 'RUNNING' && !e.parked && e.timers === 0) return false;
    return true;
  }

  /**
   * Resolves once the engine is quiet and stays so across a turn of the event loop (real time). Between checks
   * it waits for the next change (a park, a timer, a handler starting or ending, an execution ending), with a
   * short real-time fallback so that no missed signal can hold it.
   */
  async settled(): Promise<void> {
    for (;;) {
      if (this.isQuiet()) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (this.isQuiet()) return;
        continue;
      }
      await new Promise<void>((resolve) => {
        const done = () => {
          this.off('change', done);
          clearTimeout(fallback);
          resolve();
        };
        const fallback = setTimeout(done, 50);
        this.on('change', done);
      });
    }
  }
}
