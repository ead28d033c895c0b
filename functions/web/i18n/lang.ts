/**
 * Vietnamese first, English on request. The language comes from `?lang=` (which also sets the `lang`
 * cookie) or the cookie; every page has a switch.
 */
export type Lang = 'vi' | 'en';

export const langOf = (event: {
  queryStringParameters?: Record<string, string | undefined>;
  cookies?: string[];
}): Lang => {
  const asked = event.queryStringParameters?.lang;
  if (asked === 'en' || asked === 'vi') return asked;
  const cookie = event.cookies?.find((c) => c.startsWith('lang='))?.slice('lang='.length);
  return cookie === 'en' ? 'en' : 'vi';
};

/** Remembers a language chosen with `?lang=` for the next pages. */
export const langCookie = (event: { queryStringParameters?: Record<string, string | undefined> }) => {
  const asked = event.queryStringParameters?.lang;
  return asked === 'en' || asked === 'vi' ? [`lang=${asked}; Path=/; Max-Age=31536000; SameSite=Lax`] : [];
};
