import { SFNClient } from '@aws-sdk/client-sfn';

/** The Step Functions client, once per container. */
export const sfn = new SFNClient({});

/**
 * The same client without the SDK's own retries, for the fan-out's starts: it paces itself on throttling with
 * a short jittered backoff, where the SDK would wait up to a second or more between a throttle's attempts.
 */
export const sfnOnce = new SFNClient({ maxAttempts: 1 });
