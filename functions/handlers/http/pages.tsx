import type { VNode } from 'preact';
import { CsrfToken } from '#web/post-form.tsx';
import { MessageDocument, renderDocument } from '#web/render.tsx';
import { csrfTokenOf } from '../middleware/csrf.ts';
import { type HttpResult, html } from './responses.ts';

/** A page of the web room as an HTTP answer. */
export const page = (
  status: number,
  node: VNode,
  headers: Record<string, string> = {},
  cookies: string[] = [],
): HttpResult => ({
  ...html(status, renderDocument(node), headers),
  ...(cookies.length ? { cookies } : {}),
});

/** A page that is only a message (an error, a refusal), in the language its words are in. */
export const messagePage = (
  status: number,
  title: string,
  text: string,
  tone: 'info' | 'ok' | 'warn' | 'error' = 'info',
  lang = 'vi',
) => page(status, <MessageDocument title={title} text={text} tone={tone} lang={lang} />);

/**
 * An officials' page (one with forms), with the token of its request. Its referrer policy is `same-origin`, not
 * the `no-referrer` of other pages: under `no-referrer` browsers send `Origin: null` on the page's own POSTs,
 * which the CSRF check refuses. Other sites still get no referrer.
 */
export const officialPage = (event: object, status: number, node: VNode, cookies: string[] = []) =>
  page(
    status,
    <CsrfToken.Provider value={csrfTokenOf(event)}>{node}</CsrfToken.Provider>,
    { 'referrer-policy': 'same-origin' },
    cookies,
  );
