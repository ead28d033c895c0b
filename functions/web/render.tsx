import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { OFFICIAL_STYLES, STYLES } from './styles.ts';
import { DASHBOARD_STYLES } from './styles-dashboard.ts';

/**
 * The tab's icon, inline (a page with a folded corner): without a `<link rel="icon">` every browser asks for
 * `/favicon.ico`, which no route serves, and logs a 404 on every page. `data:` images are allowed by our CSP.
 */
export const FAVICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='6' fill='%23a50e0e'/%3E%3Cpath d='M9 7h10l5 5v13H9z' fill='%23fff'/%3E%3Cpath d='M19 7v5h5' fill='%23f3c1c1'/%3E%3C/svg%3E";

export const Layout = ({
  title,
  children,
  lang = 'vi',
  header,
  script,
}: {
  title: string;
  children: ComponentChildren;
  lang?: string;
  /** A banner above the main content (the officials' navigation). */
  header?: ComponentChildren;
  /** A script served by this app, e.g. `/assets/officials.js`. */
  script?: string;
}) => (
  <html lang={lang}>
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="robots" content="noindex" />
      <title>{title}</title>
      <link rel="icon" href={FAVICON} />
      {/* Our own constant stylesheet: inserted as is, since escaping would break its quotes. */}
      <style dangerouslySetInnerHTML={{ __html: header ? STYLES + OFFICIAL_STYLES + DASHBOARD_STYLES : STYLES }} />
      {script && <script src={script} defer />}
    </head>
    <body>
      {header}
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </body>
  </html>
);

/** A page as the HTML document a browser gets. */
export const renderDocument = (node: preact.VNode) => `<!doctype html>${renderToString(node)}`;

export const Message = ({
  title,
  children,
  tone = 'info',
  level = 2,
}: {
  title: string;
  children?: ComponentChildren;
  tone?: 'info' | 'ok' | 'warn' | 'error';
  /** 1 when the message is the page; 2 under a page's own title. */
  level?: 1 | 2;
}) => (
  <section class={`message ${tone}`} role={tone === 'error' || tone === 'warn' ? 'alert' : 'status'}>
    {level === 1 ? <h1>{title}</h1> : <h2>{title}</h2>}
    {children}
  </section>
);

/** A page that is only a message (an error, a refusal), as a document. */
export const MessageDocument = ({
  title,
  text,
  tone = 'info',
  lang = 'vi',
}: {
  title: string;
  text: string;
  tone?: 'info' | 'ok' | 'warn' | 'error';
  lang?: string;
}) => (
  <Layout title={title} lang={lang}>
    <Message title={title} tone={tone} level={1}>
      <p>{text}</p>
    </Message>
  </Layout>
);
