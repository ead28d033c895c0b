import { readFileSync, writeFileSync } from 'node:fs';
import FakeTimers from '@sinonjs/fake-timers';

/**
 * Workflow time. In real mode timers are real. With the virtual clock, `Date` is faked for the whole process
 * (handlers judge "late" by the same now as the engine), time stands still, and only `advanceTo` moves it:
 * timers fire in order of their due time, each with `Date` set to that time.
 */
export interface Clock {
  readonly virtual: boolean;
  now(): number;
}

type Timer = { id: number; dueAt: number; fn: () => void };

export class VirtualClock implements Clock {
  readonly virtual = true;
  private readonly fake: ReturnType<typeof FakeTimers.install>;
  private timers: Timer[] = [];
  private nextId = 1;

  constructor(
    start: number,
    private readonly file?: string,
  ) {
    this.fake = FakeTimers.withGlobal(globalThis).install({ now: start, toFake: ['Date'] });
  }

  /** Resumes from the time saved in the data folder, so a restart does not move the clock. */
  static restore(file: string, startAt?: number) {
    let start = startAt !== undefined && !Number.isNaN(startAt) ? startAt : Date.now();
    try {
      start = Date.parse(JSON.parse(readFileSync(file, 'utf8')).now) || start;
    } catch {}
    const clock = new VirtualClock(start, file);
    clock.save();
    return clock;
  }

  now() {
    return Date.now();
  }

  /** Gives `Date` back to the process (tests). */
  dispose() {
    this.fake.uninstall();
  }

  /** The timer provider handed to the Step Functions engine (Wait states and Task timeouts). */
  readonly provider = {
    setTimeout: (fn: () => void, ms: number) => {
      const timer = { id: this.nextId++, dueAt: this.now() + Math.max(0, ms), fn };
      this.timers.push(timer);
      return timer.id;
    },
    clearTimeout: (handle: unknown) => {
      this.timers = this.timers.filter((t) => t.id !== handle);
    },
  };

  nextDue(): number | undefined {
    return this.timers.reduce<number | undefined>(
      (min, t) => (min === undefined || t.dueAt < min ? t.dueAt : min),
      undefined,
    );
  }

  /** Moves to `at` and fires every timer due by then; returns how many fired. */
  fireDue(at: number): number {
    this.set(Math.max(at, this.now()));
    const due = this.timers.filter((t) => t.dueAt <= this.now()).sort((a, b) => a.dueAt - b.dueAt || a.id - b.id);
    this.timers = this.timers.filter((t) => !due.includes(t));
    for (const t of due) t.fn();
    return due.length;
  }

  set(at: number) {
    if (at > this.now()) this.fake.setSystemTime(at);
    this.save();
  }

  private save() {
    if (this.file) writeFileSync(this.file, JSON.stringify({ now: new Date(this.now()).toISOString() }));
  }
}

export class RealClock implements Clock {
  readonly virtual = false;
  now() {
    return Date.now();
  }
}
