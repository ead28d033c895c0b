import { type ComponentChildren, createContext, type FormHTMLAttributes, type VNode } from 'preact';
import { useContext } from 'preact/hooks';
import { CSRF_FIELD, csrfTokenOf } from '#handlers/middleware/csrf.ts';
import { page } from './render.tsx';

/** The CSRF token of the request being answered (shared/http/csrf.ts), for every form of its page. */
export const CsrfToken = createContext<string | undefined>(undefined);

/**
 * Every state-changing form of the officials' pages: a POST that carries the CSRF token. A page rendered
 * without `officialPage()` has no token, and its forms are refused with a page that says to reload.
 */
export const PostForm = ({
  children,
  ...attributes
}: Omit<FormHTMLAttributes<HTMLFormElement>, 'method'> & { action: string; children?: ComponentChildren }) => {
  const token = useContext(CsrfToken);
  return (
    <form {...attributes} method="post">
      {token && <input type="hidden" name={CSRF_FIELD} value={token} />}
      {children}
    </form>
  );
};

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
