/**
 * A provider that could not answer now (a 5xx, a timeout, a broken connection, an answer that is not its JSON):
 * thrown, so that the Task's Retry sees it. `$retryable` is how the SDK marks its own retryable errors, which the
 * step handler already classes as transient; a plain fetch error carries nothing it would recognise.
 */
export class ChannelUnavailable extends Error {
  override readonly name = 'ChannelUnavailable';
  readonly $retryable = {};
}

/** Zalo's configuration cannot send this notice (the secret not filled, a refresh token Zalo refuses): not retried. */
export class ChannelMisconfigured extends Error {
  override readonly name = 'ChannelMisconfigured';
}

/** How long one call to a provider may take: well inside the Lambda's 30 s, with room for a refresh and a retry. */
export const PROVIDER_TIMEOUT_MS = 8_000;

/** A POST with a timeout; whatever keeps it from getting an answer is ChannelUnavailable. */
export const post = async (url: string, init: { headers: Record<string, string>; body: string }) => {
  try {
    const response = await fetch(url, { method: 'POST', ...init, signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS) });
    return { status: response.status, text: await response.text() };
  } catch (error) {
    const reason =
      error instanceof Error && error.name === 'TimeoutError'
        ? `no answer within ${PROVIDER_TIMEOUT_MS} ms`
        : String(error);
    throw new ChannelUnavailable(`${new URL(url).host}: ${reason}`, { cause: error });
  }
};

/** The JSON of an answer, or ChannelUnavailable: a 5xx or a proxy's HTML page is not the provider answering. */
export const jsonOf = (answer: { status: number; text: string }, what: string): unknown => {
  if (answer.status >= 500 || answer.status === 429) throw new ChannelUnavailable(`${what}: HTTP ${answer.status}`);
  try {
    return JSON.parse(answer.text);
  } catch {
    throw new ChannelUnavailable(`${what}: HTTP ${answer.status}, not JSON`);
  }
};
