/**
 * AWS's Step Functions token buckets (the service quotas page, "throttling in token bucket"), enforced by the
 * local endpoint when `npm start -- --sfn-quotas large|other` asks for them. Buckets refill on the real clock
 * (`performance.now()`), never the runtime's virtual clock: a quota limits requests per second of wall time,
 * and the virtual clock stands still between `POST /_local/clock` calls, so a bucket on it would never refill.
 */

export type QuotaClass = 'large' | 'other';
export type BucketSpec = { burst: number; refillPerSecond: number };

/** Bucket size and refill per second, large regions (us-east-1, eu-west-1…) and the others. */
export const SFN_QUOTAS: Record<
  QuotaClass,
  { stateTransition: BucketSpec; startExecution: BucketSpec; taskCalls: BucketSpec }
> = {
  large: {
    stateTransition: { burst: 5000, refillPerSecond: 5000 },
    startExecution: { burst: 1300, refillPerSecond: 300 },
    taskCalls: { burst: 3000, refillPerSecond: 500 },
  },
  other: {
    stateTransition: { burst: 800, refillPerSecond: 800 },
    startExecution: { burst: 800, refillPerSecond: 150 },
    taskCalls: { burst: 1500, refillPerSecond: 300 },
  },
};

export const isQuotaClass = (value: string): value is QuotaClass => value === 'large' || value === 'other';

/** A token bucket: full at first, refilled continuously up to its burst. `now` is in milliseconds. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly spec: BucketSpec,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = spec.burst;
    this.last = this.now();
  }

  private refill() {
    const t = this.now();
    this.tokens = Math.min(this.spec.burst, this.tokens + ((t - this.last) / 1000) * this.spec.refillPerSecond);
    this.last = t;
  }

  /** Takes one token if there is one: a request over the limit is refused, as the API refuses it. */
  tryTake(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /**
   * Takes one token whether or not there is one, and says how long (ms) to wait until the debt is paid: what
   * the service does to state transitions, slowing the execution instead of failing it.
   */
  borrow(): number {
    this.refill();
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : (-this.tokens / this.spec.refillPerSecond) * 1000;
  }

  /** How long (ms) until the tokens borrowed so far are paid back; 0 when none are owed. */
  owed(): number {
    this.refill();
    return this.tokens >= 0 ? 0 : (-this.tokens / this.spec.refillPerSecond) * 1000;
  }

  available(): number {
    this.refill();
    return this.tokens;
  }
}

/** The API actions each bucket limits; every other action is unlimited here. */
const BUCKET_OF: Record<string, 'startExecution' | 'taskCalls'> = {
  StartExecution: 'startExecution',
  SendTaskSuccess: 'taskCalls',
  SendTaskFailure: 'taskCalls',
  SendTaskHeartbeat: 'taskCalls',
};

/** The buckets of one quota class, and what they refused or delayed (for `/_local/stats` and the bench). */
export class SfnQuotas {
  readonly buckets: Record<'stateTransition' | 'startExecution' | 'taskCalls', TokenBucket>;
  readonly throttled: Record<string, number> = {};
  transitionsDelayedMs = 0;

  constructor(
    readonly quotaClass: QuotaClass,
    now?: () => number,
  ) {
    const spec = SFN_QUOTAS[quotaClass];
    this.buckets = {
      stateTransition: new TokenBucket(spec.stateTransition, now),
      startExecution: new TokenBucket(spec.startExecution, now),
      taskCalls: new TokenBucket(spec.taskCalls, now),
    };
  }

  /** False when the action's bucket is empty: the endpoint then answers ThrottlingException and does nothing. */
  admit(action: string): boolean {
    const bucket = BUCKET_OF[action];
    if (!bucket || this.buckets[bucket].tryTake()) return true;
    this.throttled[action] = (this.throttled[action] ?? 0) + 1;
    return false;
  }

  /** One state transition, taken on credit. */
  transition() {
    this.buckets.stateTransition.borrow();
  }

  /**
   * Resolves once the transitions taken so far are paid for: each task waits here before it runs, so that an
   * execution over the limit is slowed down, never failed.
   */
  async paced(): Promise<void> {
    const ms = this.buckets.stateTransition.owed();
    if (ms <= 0) return;
    this.transitionsDelayedMs += ms;
    await new Promise<void>((resolve) => setTimeout(resolve, ms));
  }

  stats() {
    return {
      class: this.quotaClass,
      throttled: { ...this.throttled },
      transitionsDelayedMs: Math.round(this.transitionsDelayedMs),
    };
  }
}
