import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Runtime } from './runtime.ts';

/**
 * An official's browser, over plain HTTP against the local runtime: a cookie jar, the CSRF token of the last page,
 * and same-origin form POSTs (Origin and Sec-Fetch-Site as browsers send them).
 */

export type Page = { status: number; text: string; headers: Headers; location: string | null };

export const officialsOf = (rt: Runtime) =>
  JSON.parse(readFileSync(join(rt.dataDir, 'officials.json'), 'utf8')) as {
    email: string;
    name: string;
    password: string;
    totpSecret?: string;
  }[];

export const csrfFieldOf = (html: string) => /<input type="hidden" name="_csrf" value="([^"]+)"/.exec(html)?.[1];

export class WebSession {
  readonly jar = new Map<string, string>();
  /** The token the last page put in its forms. */
  token: string | undefined;

  constructor(private readonly rt: Runtime) {}

  get cookieHeader() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(headers: Headers) {
    for (const line of headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (/Max-Age=0/i.test(line) || value === '') this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  async request(method: string, path: string, init: { headers?: Record<string, string>; body?: BodyInit } = {}) {
    const r = await fetch(this.rt.base + path, {
      method,
      redirect: 'manual',
      headers: { ...(this.jar.size ? { cookie: this.cookieHeader } : {}), ...init.headers },
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
    this.remember(r.headers);
    const page: Page = {
      status: r.status,
      text: await r.text(),
      headers: r.headers,
      location: r.headers.get('location'),
    };
    this.token = csrfFieldOf(page.text) ?? this.token;
    return page;
  }

  get = (path: string, headers: Record<string, string> = {}) => this.request('GET', path, { headers });

  /** A form posted from a page of the site, with the token that page carried. */
  post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    this.request('POST', path, {
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: this.rt.base,
        'sec-fetch-site': 'same-origin',
        ...headers,
      },
      body: new URLSearchParams({ ...(this.token ? { _csrf: this.token } : {}), ...fields }).toString(),
    });

  /** Opens the sign-in page and signs in with a password; answers what the POST answered. */
  async signIn(email: string, password: string, next?: string) {
    await this.get(next === undefined ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`);
    return this.post('/sign-in', { email, password, ...(next === undefined ? {} : { next }) });
  }
}
