import { type ComponentChildren, createContext, type FormHTMLAttributes } from 'preact';
import { useContext } from 'preact/hooks';

/** The form field that carries the CSRF token; the handlers' CSRF middleware checks and removes it. */
export const CSRF_FIELD = '_csrf';

/** The CSRF token of the request being answered, for every form of its page. */
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
