import { handler } from '#handlers/http/intake.ts';
import { type HttpEventInput, httpEvent, lambdaContext } from '../../support/events.ts';

/** The intake function (parse, upload) with an API Gateway event; not in the shared harness, for its bundle's weight. */
export const callIntake = async (input: HttpEventInput) => {
  const r = await handler(httpEvent(input) as unknown as Parameters<typeof handler>[0], lambdaContext);
  return {
    statusCode: r?.statusCode ?? 200,
    headers: Object.fromEntries(Object.entries(r?.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)])),
    body: r?.body ?? '',
  };
};
