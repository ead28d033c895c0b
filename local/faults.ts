/**
 * Failures on purpose, to show that the workflow survives them: `POST /_local/faults {"ses": 3}` makes the next
 * three calls to the local SES fail the way SES fails when it is unavailable. `{"sms": N}` and `{"zalo": N}` make
 * the next N messages to the SMS or Zalo stand-in refused for good, as a provider refuses one message (a notice
 * recorded as FAILED, never retried: the email and the workflow go on). `{"sfn": N}` makes the next N calls to
 * StartExecution fail as an unavailable Step Functions does (the fan-out's recovery). Each service the runtime
 * fronts asks `take(service)` once per call; adding one is one more name here and one `take` in its front.
 */

export const FAULT_SERVICES = ['ses', 'sms', 'zalo', 'sfn'] as const;
export type FaultService = (typeof FAULT_SERVICES)[number];

/** More than any test needs, few enough that a typo (`1e9`) cannot leave a service failing for the whole day. */
export const MAX_FAULTS = 10_000;

export const FAULTS_USAGE =
  `Give {"<service>": N}, N a whole number from 0 to ${MAX_FAULTS} (the next N calls fail; 0 disarms), ` +
  `for the services ${FAULT_SERVICES.map((s) => `"${s}"`).join(', ')}; e.g. {"ses": 3}`;

const isService = (name: string): name is FaultService => (FAULT_SERVICES as readonly string[]).includes(name);

export class Faults {
  private readonly armed = new Map<FaultService, number>();

  /** Sets how many of the next calls to each named service fail (replacing what was armed). */
  arm(counts: Partial<Record<FaultService, number>>) {
    for (const service of FAULT_SERVICES) {
      const n = counts[service];
      if (n === undefined) continue;
      if (n > 0) this.armed.set(service, n);
      else this.armed.delete(service);
    }
  }

  /** Whether this call to `service` must fail; counts it down when so. */
  take(service: FaultService): boolean {
    const left = this.armed.get(service) ?? 0;
    if (left <= 0) return false;
    if (left === 1) this.armed.delete(service);
    else this.armed.set(service, left - 1);
    return true;
  }

  /** How many calls of each service are still to fail, e.g. `{"ses": 2}` (every service, 0 when none). */
  snapshot(): Record<FaultService, number> {
    return Object.fromEntries(FAULT_SERVICES.map((s) => [s, this.armed.get(s) ?? 0])) as Record<FaultService, number>;
  }
}

/** Reads a `POST /_local/faults` body; undefined when it is not a valid request. */
export const parseFaults = (body: string): Partial<Record<FaultService, number>> | undefined => {
  let request: unknown;
  try {
    request = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof request !== 'object' || request === null || Array.isArray(request)) return undefined;
  const entries = Object.entries(request);
  if (entries.length === 0) return undefined;
  const counts: Partial<Record<FaultService, number>> = {};
  for (const [name, n] of entries) {
    if (!isService(name) || typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_FAULTS) return undefined;
    counts[name] = n;
  }
  return counts;
};
