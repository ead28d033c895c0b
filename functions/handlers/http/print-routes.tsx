import { printDirective } from '#app/print-directive.ts';
import { OFFICIAL_PAGES } from '#contracts/routes.ts';
import { langCookie } from '#web/i18n/index.ts';
import { PrintPage } from '#web/officials/print-page.tsx';
import type { PageRoute } from './official-page-chain.ts';
import { officialPage } from './pages.tsx';

/**
 * The status sheet of a directive for a meeting. The chain has already found the directive in the official's
 * office (middleware/official.ts checks every route's `{id}`), as for its dashboard: another office's is a 404.
 */
const printView: PageRoute = async (c) => {
  const id = c.event.pathParameters?.id ?? '';
  const now = new Date().toISOString();
  const { directive, lines, counts } = await printDirective(id, now);
  return officialPage(
    c.event,
    200,
    <PrintPage lang={c.lang} directive={directive} lines={lines} counts={counts} now={now} />,
    langCookie(c.event),
  );
};

export const printRoutes = {
  [OFFICIAL_PAGES.print]: printView,
} satisfies Partial<Record<string, PageRoute>>;
