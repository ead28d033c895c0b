import type { IncomingMessage, ServerResponse } from 'node:http';
import { Duration } from 'luxon';
import type { Clock, VirtualClock } from './clock.ts';
import { FAULTS_USAGE, type Faults, parseFaults } from './faults.ts';
import type { Target } from './gateway.ts';
import type { Outbox } from './mail/outbox.ts';
import { outboxList, outboxMessage } from './mail/outbox-page.tsx';
import { messagesList } from './messages/page.tsx';
import type { Messages } from './messages/store.ts';
import type { StepFunctionsEngine } from './stepfunctions/engine.ts';

const json = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
const html = (res: ServerResponse, status: number, body: string) =>
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(body);

/**
 * Moves the virtual clock: fires every timer due by the target in order, each at its own time, and waits
 * after each for the engine to settle (every execution back in a wait, no handler running), so the call
 * returns once every effect is stored. `advance: "PT0S"` just waits for the engine to settle.
 */
export class ClockControl {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly clock: Clock,
    private readonly engine: StepFunctionsEngine,
    private readonly onTime: (now: number) => void = () => {},
  ) {}

  advance(target: number) {
    const run = this.queue.then(() => this.run(target));
    this.queue = run.catch(() => {});
    return run;
  }

  private async run(target: number) {
    const clock = this.clock as VirtualClock;
    await this.engine.settled();
    let fired = 0;
    for (;;) {
      this.onTime(this.clock.now());
      const due = clock.nextDue();
      if (due === undefined || due > target) break;
      fired += clock.fireDue(due);
      await this.engine.settled();
    }
    clock.set(target);
    this.onTime(target);
    await this.engine.settled();
    return { now: new Date(this.clock.now()).toISOString(), fired };
  }
}

type Deps = {
  clock: Clock;
  control: ClockControl;
  outbox: Outbox;
  messages: Messages;
  engine: StepFunctionsEngine;
  faults: Faults;
};

const CLOCK_USAGE = 'Give "advance" (an ISO 8601 duration, e.g. "PT25H") or "to" (an ISO instant, not in the past)';

/** The instant a clock request asks for; NaN when it is not a valid request. */
const clockTarget = (body: string, now: number) => {
  let request: unknown;
  try {
    request = JSON.parse(body || '{}');
  } catch {
    return Number.NaN;
  }
  if (typeof request !== 'object' || request === null) return Number.NaN;
  const { advance, to } = request as { advance?: unknown; to?: unknown };
  if (typeof to === 'string') return Date.parse(to);
  if (typeof advance === 'string') return now + Duration.fromISO(advance).toMillis();
  return Number.NaN;
};

const moveClock = async (deps: Deps, res: ServerResponse, body: Buffer) => {
  if (!deps.clock.virtual) return json(res, 409, { message: 'Start with --virtual-clock to move time' });
  const now = deps.clock.now();
  const target = clockTarget(body.toString('utf8'), now);
  // Beyond what a Date can hold, time cannot be set.
  if (!Number.isFinite(target) || target < now || target > 8.64e15) return json(res, 400, { message: CLOCK_USAGE });
  json(res, 200, await deps.control.advance(target));
};

const setFaults = (deps: Deps, res: ServerResponse, body: Buffer) => {
  const counts = parseFaults(body.toString('utf8'));
  if (!counts) return json(res, 400, { message: FAULTS_USAGE });
  deps.faults.arm(counts);
  json(res, 200, deps.faults.snapshot());
};

const showOutbox = (deps: Deps, res: ServerResponse, path: string) => {
  const [id, part, index] = path.slice('/_local/outbox/view/'.length).split('/');
  const mail = deps.outbox.get(id ?? '');
  if (!mail) return html(res, 404, 'Không có thư này.');
  if (part !== 'attachments') return html(res, 200, outboxMessage(mail));
  const attachment = mail.attachments[Number(index)];
  if (!attachment) return html(res, 404, 'Không có tệp này.');
  res
    .writeHead(200, {
      'content-type': attachment.contentType,
      'content-disposition': `attachment; filename="${encodeURIComponent(attachment.filename)}"`,
    })
    .end(Buffer.from(attachment.content, 'base64'));
};

/**
 * The local runtime's own routes, under /_local/: the clock, the outbox, the SMS and Zalo messages, the machines
 * the engine runs, counts, faults.
 */
export const adminRoutes =
  (deps: Deps) =>
  async (req: IncomingMessage, res: ServerResponse, body: Buffer, { path, query }: Target): Promise<boolean> => {
    if (!path.startsWith('/_local/')) return false;
    const route = `${req.method ?? 'GET'} ${path}`;
    if (route === 'GET /_local/clock')
      json(res, 200, { now: new Date(deps.clock.now()).toISOString(), virtual: deps.clock.virtual });
    else if (route === 'POST /_local/clock') await moveClock(deps, res, body);
    else if (route === 'GET /_local/outbox')
      json(
        res,
        200,
        deps.outbox
          .list()
          .map(({ id, to, cc, subject, text, html, sentAt }) => ({ id, to, cc, subject, text, html, sentAt })),
      );
    else if (route === 'GET /_local/outbox/view') html(res, 200, outboxList(deps.outbox.list()));
    else if (route.startsWith('GET /_local/outbox/view/')) showOutbox(deps, res, path);
    else if (route === 'GET /_local/messages')
      json(
        res,
        200,
        deps.messages.list().map(({ id, channel, to, text, template, sentAt, status, error }) => ({
          id,
          channel,
          to,
          text,
          ...(template ? { template } : {}),
          sentAt,
          status,
          ...(error ? { error } : {}),
        })),
      );
    else if (route === 'GET /_local/messages/view') html(res, 200, messagesList(deps.messages.list()));
    else if (route === 'GET /_local/state-machines')
      json(
        res,
        200,
        deps.engine.listMachines().map(({ name, arn, definition }) => ({ name, arn, definition })),
      );
    else if (route === 'POST /_local/executions/release') json(res, 200, { released: deps.engine.release() });
    else if (route === 'GET /_local/executions' && new URLSearchParams(query).get('count') === '1')
      // Only how many: cheap enough to poll while a fan-out of thousands is under way (the quotas bench).
      json(res, 200, { count: deps.engine.named(new URLSearchParams(query).get('prefix') ?? '').length });
    else if (route === 'GET /_local/executions')
      json(
        res,
        200,
        deps.engine
          .named(new URLSearchParams(query).get('prefix') ?? '')
          .map(({ arn, name, stateMachineArn, status, startDate, stopDate, current, history }) => ({
            arn,
            name,
            stateMachineArn,
            status,
            startDate: new Date(startDate).toISOString(),
            ...(stopDate ? { stopDate: new Date(stopDate).toISOString() } : {}),
            state: current?.state ?? null,
            transitions: history.filter((h) => h.type === 'StateEntered').length,
            // A Map iteration that failed after its retries (a fan-out batch), and the retries taken.
            failedIterations: history.filter((h) => h.type === 'MapIterationFailed').length,
            retries: history.filter((h) => h.type === 'StateRetried').length,
          })),
      );
    else if (route === 'GET /_local/stats') json(res, 200, { ...deps.engine.stats(), memory: process.memoryUsage() });
    else if (route === 'GET /_local/faults') json(res, 200, deps.faults.snapshot());
    else if (route === 'POST /_local/faults') setFaults(deps, res, body);
    else json(res, 404, { message: 'Not Found' });
    return true;
  };
