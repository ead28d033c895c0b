import { CronExpressionParser } from 'cron-parser';
import type { Clock, VirtualClock } from './clock.ts';
import type { LocalSchedule } from './cloud-assembly.ts';

/** `cron(0 8 ? * MON-FRI *)` (EventBridge: minutes hours day-of-month month day-of-week year) → `0 8 * * MON-FRI`. */
export const toStandardCron = (expression: string) => {
  const inner = /^cron\((.+)\)$/.exec(expression.trim())?.[1];
  if (!inner) throw new Error(`Only cron() schedules run locally, not ${expression}`);
  const [minute, hour, dom, month, dow] = inner.split(/\s+/);
  return [minute, hour, dom === '?' ? '*' : dom, month, dow === '?' ? '*' : dow].join(' ');
};

const MAX_TIMER = 2 ** 31 - 1;

export const nextFire = (schedule: LocalSchedule, after: number) =>
  CronExpressionParser.parse(toStandardCron(schedule.expression), {
    currentDate: new Date(after),
    tz: schedule.timezone,
  })
    .next()
    .getTime();

/**
 * Runs the stack's EventBridge schedules against its functions, on the runtime's clock: with the virtual
 * clock a schedule fires when time is advanced past it, like any other timer.
 */
export const startSchedules = (
  schedules: LocalSchedule[],
  clock: Clock,
  invoke: (functionName: string, event: unknown) => Promise<unknown>,
) => {
  const arm = (schedule: LocalSchedule) => {
    const at = nextFire(schedule, clock.now());
    const fire = () => {
      invoke(schedule.functionName, {
        ...(typeof schedule.input === 'object' ? schedule.input : {}),
        scheduledAt: new Date(at).toISOString(),
      }).catch((error: unknown) => console.error(`schedule ${schedule.logicalId}:`, error));
      arm(schedule);
    };
    if (clock.virtual) (clock as VirtualClock).provider.setTimeout(fire, at - clock.now());
    else if (at - clock.now() > MAX_TIMER) setTimeout(() => arm(schedule), MAX_TIMER);
    else setTimeout(fire, at - clock.now());
  };
  for (const schedule of schedules) arm(schedule);
};
