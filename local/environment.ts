import { ENV } from '#contracts/environment.ts';

/**
 * The variables `npm start` reads besides the functions' own (contracts/environment.ts): named here once for
 * the runtime that reads them and the launchers (tests, benchmark, demo) that set them.
 */
export const LOCAL_ENV = {
  /** The port to listen on when `--port` is not given. */
  port: 'PORT',
  /** A bearer token the local `/api/*` accepts besides an official's ID token: for scripts and tests. */
  apiToken: 'OFFICIAL_API_TOKEN',
  /** The office `OFFICIAL_API_TOKEN` acts for; the first office in `officials.json` when unset. */
  apiOffice: 'OFFICIAL_API_OFFICE',
  /** `--template`'s default: a synthesized template to start from; empty means synthesize. */
  template: 'CHIDAO_TEMPLATE',
  /** The address links and redirects point at (the functions read it too). */
  publicBaseUrl: ENV.PUBLIC_BASE_URL,
} as const;
