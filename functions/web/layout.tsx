import type { ComponentChildren } from 'preact';
import { DIRECTIVE_FORM, OFFICIAL_PAGES, pathTo, REPORTS_PAGES, SIGN_IN } from '#contracts/routes.ts';
import type { Official } from '#core/official.ts';
import { type Lang, messages, noticesMessages } from './i18n/index.ts';
import { PostForm } from './post-form.tsx';
import { Layout } from './render.tsx';

/** The frame of every page an official sees: navigation, the language switch, sign-out. */
export const OfficialLayout = ({
  title,
  lang,
  official,
  path,
  children,
}: {
  title: string;
  lang: Lang;
  official?: Official;
  /** The current path, so the language switch returns to it. */
  path: string;
  children: ComponentChildren;
}) => {
  const m = messages(lang);
  return (
    <Layout
      title={`${title} — ${m.appName}`}
      lang={lang}
      script={pathTo(OFFICIAL_PAGES.asset, { name: 'officials.js' })}
      header={
        <header class="topbar">
          <a class="skip" href="#main">
            {m.skip}
          </a>
          <span class="brand">{m.appName}</span>
          {official && (
            <nav aria-label={m.appName}>
              <a href={pathTo(OFFICIAL_PAGES.list)}>{m.nav.directives}</a>
              <a href={pathTo(DIRECTIVE_FORM.newForm)}>{m.nav.newDirective}</a>
              <a href={pathTo(OFFICIAL_PAGES.directory)}>{m.nav.directory}</a>
              <a href={pathTo(REPORTS_PAGES.statistics)}>{m.nav.statistics}</a>
              <a href={pathTo(OFFICIAL_PAGES.settings)}>{noticesMessages(lang).nav}</a>
            </nav>
          )}
          <span class="spacer" />
          <a
            href={`${path}${path.includes('?') ? '&' : '?'}lang=${m.switchLang}`}
            lang={m.switchLang}
            hreflang={m.switchLang}
          >
            {m.switchTo}
          </a>
          {official && (
            <PostForm action={pathTo(SIGN_IN.signOut)} class="inline">
              <span class="who">{official.name}</span>{' '}
              <button type="submit" class="link">
                {m.nav.signOut}
              </button>
            </PostForm>
          )}
        </header>
      }
    >
      {children}
    </Layout>
  );
};
