import { config } from '#contracts/environment.ts';
import { OFFICIAL_PAGES, pathTo } from '#contracts/routes.ts';

/** Where a signed-in official lands when no (acceptable) `next` was given. */
export const DEFAULT_NEXT = pathTo(OFFICIAL_PAGES.list);

/** `scheme://host[:port]` as browsers send it in `Origin`, or undefined for `null` and anything unparsable. */
export const originOf = (value: string | undefined): string | undefined => {
  if (!value) return undefined;
  try {
    const origin = new URL(value).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
};

const HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The origins this site is served from: `PUBLIC_BASE_URL`'s, and the one the request was addressed to (its
 * `Host`, with API Gateway's `X-Forwarded-Proto`), so that http://127.0.0.1:3000 works beside
 * http://localhost:3000. A cross-site page cannot choose the `Host` of the request its visitor's browser sends.
 */
export const siteOrigins = (event: { headers?: Record<string, string | undefined> }): Set<string> => {
  const origins = new Set<string>();
  const base = originOf(config().PUBLIC_BASE_URL);
  if (base) origins.add(base);
  const host = event.headers?.host;
  if (host && HOST.test(host)) {
    const forwarded = event.headers?.['x-forwarded-proto']?.split(',')[0]?.trim().toLowerCase();
    const scheme = forwarded === 'https' || forwarded === 'http' ? forwarded : (base?.split(':')[0] ?? 'https');
    const own = originOf(`${scheme}://${host}`);
    if (own) origins.add(own);
  }
  return origins;
};

/**
 * A `next` to redirect to after signing in, if it is a path of this site; otherwise DEFAULT_NEXT. Refused: other
 * origins (`https://evil.test`, `//evil.test`), backslashes that browsers read as slashes (`/\evil.test`, also
 * escaped: `/%5Cevil.test`, `/%2F%2Fevil.test`), schemes (`javascript:`), control characters and whitespace, and
 * anything that does not decode.
 */
export const safeNext = (next: unknown): string => {
  if (typeof next !== 'string' || next.length === 0 || next.length > 2048) return DEFAULT_NEXT;
  let decoded: string;
  try {
    decoded = decodeURIComponent(next);
  } catch {
    return DEFAULT_NEXT;
  }
  for (const form of [next, decoded])
    if (!form.startsWith('/') || form.startsWith('//') || /[\\\s\p{Cc}]/u.test(form)) return DEFAULT_NEXT;
  const probe = 'https://chidao.invalid';
  const url = new URL(next, probe);
  if (url.origin !== probe) return DEFAULT_NEXT;
  return `${url.pathname}${url.search}${url.hash}`;
};

/** The path (and query) of a URL of this site, such as a `Referer`; undefined for any other URL. */
export const sameOriginPath = (url: string | undefined, event: { headers?: Record<string, string | undefined> }) => {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    if (!siteOrigins(event).has(u.origin)) return undefined;
    const path = `${u.pathname}${u.search}`;
    return safeNext(path) === path ? path : undefined;
  } catch {
    return undefined;
  }
};
