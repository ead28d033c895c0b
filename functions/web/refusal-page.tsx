import { type Lang, messages } from './i18n/index.ts';
import { OfficialLayout } from './layout.tsx';
import { Message } from './render.tsx';

/**
 * The answer to a refused cross-site request: what happened, that nothing changed, and a way back (`back`, the
 * page the form was on when the browser says so).
 */
export const CrossSitePage = ({ lang, back }: { lang: Lang; back: string }) => {
  const m = messages(lang).signIn;
  return (
    <OfficialLayout title={m.crossSiteTitle} lang={lang} path={back}>
      <Message title={m.crossSiteTitle} tone="warn" level={1}>
        <p>{m.crossSiteText}</p>
        <p>
          <a href={back}>{m.crossSiteBack}</a>
        </p>
      </Message>
    </OfficialLayout>
  );
};
