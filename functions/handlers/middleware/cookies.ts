import { config } from '#contracts/environment.ts';

/**
 * The value of a cookie among API Gateway's `cookies` (one `name=value` each); the first one wins, as browsers
 * send the most specific path first. Values are not percent-decoded: the app's own cookies are base64url, JWTs
 * or plain words, so a stray `%` cannot fail here.
 */
export const cookieOf = (cookies: readonly string[] | undefined, name: string): string | undefined => {
  for (const cookie of cookies ?? []) {
    const eq = cookie.indexOf('=');
    if (eq > 0 && cookie.slice(0, eq).trim() === name) return cookie.slice(eq + 1).trim();
  }
  return undefined;
};

/** Cookies are `Secure` wherever the site is served over HTTPS (everywhere but `npm start` on http://localhost). */
export const secureSite = () => config().PUBLIC_BASE_URL.startsWith('https:');

export type CookieOptions = {
  path: string;
  sameSite: 'Strict' | 'Lax';
  /** Seconds; 0 deletes the cookie. */
  maxAge: number;
  httpOnly?: boolean;
};

export const setCookie = (name: string, value: string, options: CookieOptions) =>
  [
    `${name}=${value}`,
    `Path=${options.path}`,
    ...(options.httpOnly === false ? [] : ['HttpOnly']),
    `SameSite=${options.sameSite}`,
    `Max-Age=${Math.max(0, Math.floor(options.maxAge))}`,
    ...(secureSite() ? ['Secure'] : []),
  ].join('; ');
