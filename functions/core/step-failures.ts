/**
 * How a workflow waits after a step that failed past its retries: the first wait is a minute, each failure in a
 * row doubles it, up to an hour.
 */
export const recoveryWaitSeconds = (attempt: number) => Math.min(60 * 2 ** Math.max(0, attempt - 1), 3600);

/** Step Functions' Cause of a Lambda error is the JSON of the error; its message says the most. */
export const describeStepError = (error: { Error?: string | undefined; Cause?: string | undefined } | undefined) => {
  let cause = error?.Cause ?? '';
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: unknown };
    if (typeof parsed.errorMessage === 'string') cause = parsed.errorMessage;
  } catch {}
  return [error?.Error ?? 'Error', cause].filter(Boolean).join(': ');
};
