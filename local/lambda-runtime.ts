import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import pLimit from 'p-limit';
import type { LocalFunction } from './cloud-assembly.ts';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

/**
 * Runs the app's Lambda functions in this process: each function is the very module its NodejsFunction
 * bundles (named by the template's metadata), imported once like a warm container, and called with a
 * Lambda-shaped context. Concurrency is capped like an account's, so a fan-out of 5,000 queues instead of
 * running 5,000 handlers at once.
 */
export class LambdaRuntime {
  private readonly byName = new Map<string, LocalFunction>();
  private readonly modules = new Map<string, Promise<Handler>>();
  private readonly limit: ReturnType<typeof pLimit>;
  inFlight = 0;
  /** Told whenever `inFlight` changes, so that the engine knows when it may have gone quiet. */
  onActivity: () => void = () => {};

  constructor(
    functions: LocalFunction[],
    private readonly root: string,
    concurrency = 32,
  ) {
    for (const f of functions) {
      this.byName.set(f.name, f);
      this.byName.set(f.arn, f);
    }
    this.limit = pLimit(concurrency);
  }

  get functions() {
    return [...new Set(this.byName.values())];
  }

  has(nameOrArn: string) {
    return this.byName.has(nameOrArn);
  }

  /**
   * The functions share this process, so their environments must agree: one value per variable, which is
   * how this app is built (every function gets the same table, secret and base URL).
   */
  mergedEnvironment(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const f of this.functions) {
      for (const [k, v] of Object.entries(f.environment)) {
        if (k in env && env[k] !== v) throw new Error(`Functions disagree on ${k}: ${env[k]} vs ${v}`);
        env[k] = v;
      }
    }
    return env;
  }

  private load(fn: LocalFunction): Promise<Handler> {
    let loaded = this.modules.get(fn.entry);
    if (!loaded) {
      loaded = import(pathToFileURL(join(this.root, fn.entry)).href).then((m: { handler?: Handler }) => {
        if (typeof m.handler !== 'function') throw new Error(`${fn.entry} exports no handler`);
        return m.handler;
      });
      this.modules.set(fn.entry, loaded);
    }
    return loaded;
  }

  /** Loads every handler now, so the first request does not pay for it. */
  async warm() {
    await Promise.all(this.functions.map((f) => this.load(f)));
  }

  /**
   * Calls a function as Step Functions would. HTTP requests go through `invokeHttp`, outside the cap and the
   * count, so a dashboard stays responsive while thousands of tasks queue.
   */
  invoke(nameOrArn: string, event: unknown): Promise<unknown> {
    return this.limit(async () => {
      this.inFlight++;
      this.onActivity();
      try {
        return await this.call(nameOrArn, event);
      } finally {
        this.inFlight--;
        this.onActivity();
      }
    });
  }

  invokeHttp(nameOrArn: string, event: unknown): Promise<unknown> {
    return this.call(nameOrArn, event);
  }

  private async call(nameOrArn: string, event: unknown): Promise<unknown> {
    const fn = this.byName.get(nameOrArn);
    if (!fn) throw Object.assign(new Error(`Function not found: ${nameOrArn}`), { name: 'ResourceNotFoundException' });
    const handler = await this.load(fn);
    // Real elapsed time, as Lambda counts it: the virtual clock fakes Date, and a clock moved while this function runs
    // must not cut its time short.
    const deadline = performance.now() + fn.timeoutSeconds * 1000;
    const context = {
      functionName: fn.name,
      functionVersion: '$LATEST',
      invokedFunctionArn: fn.arn,
      memoryLimitInMB: '512',
      awsRequestId: randomUUID(),
      logGroupName: `/aws/lambda/${fn.name}`,
      logStreamName: 'local',
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, Math.floor(deadline - performance.now())),
      done: () => {},
      fail: () => {},
      succeed: () => {},
    } as Context;
    return handler(structuredClone(event), context);
  }
}
