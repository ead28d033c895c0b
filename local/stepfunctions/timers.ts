import type { TimerProvider } from 'aws-local-stepfunctions';

/**
 * A timer provider that counts, on the execution whose code set each timer, the timers still pending: an
 * execution that only waits on the clock (a Wait state, a Retry's interval) is as quiet as one parked on a task
 * token.
 */
export const countingTimers = (
  base: TimerProvider,
  current: () => { timers: number } | undefined,
  changed: () => void,
): TimerProvider => {
  const owners = new Map<unknown, () => void>();
  return {
    setTimeout: (fn, ms) => {
      const execution = current();
      let pending = execution !== undefined;
      if (execution) {
        execution.timers++;
        changed();
      }
      const release = () => {
        if (!pending || !execution) return;
        pending = false;
        execution.timers--;
        changed();
      };
      const handle = base.setTimeout(() => {
        owners.delete(handle);
        release();
        fn();
      }, ms);
      owners.set(handle, release);
      return handle;
    },
    clearTimeout: (handle) => {
      owners.get(handle)?.();
      owners.delete(handle);
      base.clearTimeout(handle);
    },
  };
};
