import {
  AssociateSoftwareTokenCommand,
  type AuthenticationResultType,
  type ChallengeNameType,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  RevokeTokenCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpUrlencodeBodyParser from '@middy/http-urlencode-body-parser';
import * as z from 'zod/mini';
import { cognito } from '#adapters/clients/cognito.ts';
import { logger, observe } from '#adapters/observability.ts';
import { revokeSession } from '#adapters/store/sessions.ts';
import { officialsPool } from '#contracts/environment.ts';
import { pathTo, SIGN_IN, type SignInRoute } from '#contracts/routes.ts';
import { langCookie, langOf, messages } from '#web/i18n/index.ts';
import { type SignInChallenge, SignInPage } from '#web/officials/sign-in-page.tsx';
import { bodyLimit } from '../middleware/body-limit.ts';
import { csrfProtection, rotateCsrfToken } from '../middleware/csrf.ts';
import { errorsToResponses } from '../middleware/errors-to-responses.ts';
import type { PublicEvent } from '../middleware/events.ts';
import { officialErrorPage } from '../middleware/official-error-page.tsx';
import { safeNext } from '../middleware/same-origin.ts';
import {
  clearedSessionCookies,
  refreshToken,
  sessionCookies,
  sessionToken,
  verifySession,
} from '../middleware/session.ts';
import { officialPage } from './pages.tsx';
import { type HttpResult, redirect } from './responses.ts';

/** The label authenticator apps show beside the code. */
const TOTP_ISSUER = 'chidao';

const form = z.object({
  step: z.catch(z.enum(['password', 'new-password', 'mfa', 'mfa-setup']), 'password'),
  email: z.catch(z.string().check(z.trim(), z.maxLength(320)), ''),
  username: z.catch(z.optional(z.string().check(z.maxLength(512))), undefined),
  password: z.catch(z.string().check(z.maxLength(1024)), ''),
  next: z.catch(z.optional(z.string()), undefined),
  session: z.catch(z.optional(z.string().check(z.maxLength(8192))), undefined),
  newPassword: z.catch(z.optional(z.string().check(z.maxLength(1024))), undefined),
  code: z.catch(z.optional(z.string().check(z.trim())), undefined),
  secret: z.catch(z.optional(z.string().check(z.maxLength(256))), undefined),
});
type Input = z.infer<typeof form>;
type Shown = Omit<Parameters<typeof SignInPage>[0], 'lang'>;

const show = (event: PublicEvent, status: number, props: Shown) =>
  officialPage(event, status, <SignInPage lang={langOf(event)} {...props} />, langCookie(event));

const otpauthUri = (email: string, secret: string) =>
  `otpauth://totp/${encodeURIComponent(`${TOTP_ISSUER}:${email}`)}?secret=${encodeURIComponent(secret)}&issuer=${TOTP_ISSUER}`;

/** The challenge the form answers, rebuilt from what it carried (to show again after a wrong code). */
const carried = (input: Input): SignInChallenge | undefined => {
  const base = { session: input.session ?? '', email: input.email, username: input.username ?? input.email };
  if (input.step === 'new-password' || input.step === 'mfa') return { step: input.step, ...base };
  if (input.step === 'mfa-setup' && input.secret)
    return { step: 'mfa-setup', ...base, secret: input.secret, uri: otpauthUri(input.email, input.secret) };
  return undefined;
};

const respond = (input: Input, name: ChallengeNameType, answers: Record<string, string>, session = input.session) =>
  cognito.send(
    new RespondToAuthChallengeCommand({
      ClientId: officialsPool().clientId,
      ChallengeName: name,
      Session: session,
      ChallengeResponses: { USERNAME: input.username ?? input.email, ...answers },
    }),
  );

/** Whatever the form was answering, sent to Cognito. */
const attempt = async (input: Input) => {
  switch (input.step) {
    case 'new-password':
      return respond(input, 'NEW_PASSWORD_REQUIRED', { NEW_PASSWORD: input.newPassword ?? '' });
    case 'mfa':
      return respond(input, 'SOFTWARE_TOKEN_MFA', { SOFTWARE_TOKEN_MFA_CODE: input.code ?? '' });
    case 'mfa-setup': {
      const verified = await cognito.send(
        new VerifySoftwareTokenCommand({ Session: input.session, UserCode: input.code, FriendlyDeviceName: 'chidao' }),
      );
      if (verified.Status !== 'SUCCESS')
        throw Object.assign(new Error('not verified'), { name: 'CodeMismatchException' });
      return respond(input, 'MFA_SETUP', {}, verified.Session);
    }
    default:
      return cognito.send(
        new InitiateAuthCommand({
          ClientId: officialsPool().clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: input.email, PASSWORD: input.password },
        }),
      );
  }
};

const signedIn = (event: PublicEvent, auth: AuthenticationResultType, next: string): HttpResult => {
  // A new session gets a new CSRF token: one seen before signing in is worth nothing after.
  rotateCsrfToken(event);
  return {
    ...redirect(next),
    cookies: sessionCookies(auth.IdToken ?? '', auth.ExpiresIn ?? 3600, auth.RefreshToken),
  };
};

/** Cognito's answer: signed in, or the next screen (a new password, the authenticator's code, or its setup). */
const proceed = async (
  event: PublicEvent,
  input: Input,
  next: string,
  result: Awaited<ReturnType<typeof attempt>>,
): Promise<HttpResult> => {
  const m = messages(langOf(event)).signIn;
  if (result.AuthenticationResult?.IdToken) return signedIn(event, result.AuthenticationResult, next);
  const base = {
    session: result.Session ?? '',
    email: input.email,
    username: result.ChallengeParameters?.USER_ID_FOR_SRP ?? input.username ?? input.email,
  };
  switch (result.ChallengeName) {
    case 'NEW_PASSWORD_REQUIRED':
      return show(event, 200, { next, challenge: { step: 'new-password', ...base } });
    case 'SOFTWARE_TOKEN_MFA':
      return show(event, 200, { next, challenge: { step: 'mfa', ...base } });
    case 'MFA_SETUP': {
      const associated = await cognito.send(new AssociateSoftwareTokenCommand({ Session: result.Session }));
      const secret = associated.SecretCode ?? '';
      if (!secret || !associated.Session) return show(event, 401, { next, error: m.failed, email: input.email });
      const challenge = { step: 'mfa-setup', ...base, session: associated.Session, secret } as const;
      return show(event, 200, { next, challenge: { ...challenge, uri: otpauthUri(input.email, secret) } });
    }
    default:
      return show(event, 401, { next, error: m.failed, email: input.email });
  }
};

/** Cognito's refusals, as the screen to show; anything else is an outage and is thrown. */
const refusal = (event: PublicEvent, input: Input, next: string, error: unknown): HttpResult | undefined => {
  const m = messages(langOf(event)).signIn;
  const name = (error as { name?: unknown } | null)?.name;
  const again = carried(input);
  const start = (status: number, message: string) => show(event, status, { next, error: message, email: input.email });
  switch (name) {
    case 'CodeMismatchException':
    case 'ExpiredCodeException':
    case 'EnableSoftwareTokenMFAException':
      return again ? show(event, 401, { next, error: m.mfaWrong, challenge: again }) : start(401, m.failed);
    case 'InvalidPasswordException':
      return again ? show(event, 400, { next, error: m.invalidPassword, challenge: again }) : start(400, m.failed);
    case 'NotAuthorizedException':
      // At a challenge this is Cognito's "Invalid session": its three minutes ran out.
      return start(401, input.step === 'password' ? m.failed : m.sessionExpired);
    case 'UserNotFoundException':
    case 'PasswordResetRequiredException':
    case 'UserNotConfirmedException':
      return start(401, m.failed);
    case 'InvalidParameterException':
      return start(400, m.sessionExpired);
    case 'TooManyRequestsException':
    case 'LimitExceededException':
    case 'TooManyFailedAttemptsException':
      return start(429, m.tooMany);
    default:
      return undefined;
  }
};

const signIn = async (event: PublicEvent): Promise<HttpResult> => {
  const parsed = form.safeParse(event.body && typeof event.body === 'object' ? event.body : {});
  const input = parsed.success ? parsed.data : form.parse({});
  const next = safeNext(input.next);
  const m = messages(langOf(event)).signIn;
  const challenge = carried(input);
  if (input.step !== 'password' && (!input.session || !challenge))
    return show(event, 401, { next, error: m.sessionExpired, email: input.email });
  if ((input.step === 'mfa' || input.step === 'mfa-setup') && !/^\d{6}$/.test(input.code ?? ''))
    return show(event, 400, { next, error: m.mfaWrong, ...(challenge ? { challenge } : {}) });
  try {
    return await proceed(event, input, next, await attempt(input));
  } catch (error) {
    const shown = refusal(event, input, next, error);
    if (shown) return shown;
    throw error;
  }
};

/**
 * Signing out ends the session everywhere it was copied: the sign-in goes on the deny-list (its ID token, also
 * usable as a bearer on /api/*, is then refused by the handlers), and Cognito revokes the refresh token and the
 * access tokens issued with it. The cookies go in any case.
 */
const signOut = async (event: PublicEvent): Promise<HttpResult> => {
  const idToken = sessionToken(event.cookies);
  const session = idToken ? await verifySession(idToken) : undefined;
  if (session) await revokeSession(session.sessionId, session.expiresAt);
  const refresh = refreshToken(event.cookies);
  if (refresh)
    try {
      await cognito.send(new RevokeTokenCommand({ ClientId: officialsPool().clientId, Token: refresh }));
    } catch (error) {
      // The session is already refused here; the refresh token, which only this cookie held, expires in time.
      logger.warn('RevokeToken failed at sign-out', { error: String(error) });
    }
  return { ...redirect(pathTo(SIGN_IN.form, {}, 'signedOut=1')), cookies: clearedSessionCookies() };
};

const routes: Record<SignInRoute, (event: PublicEvent) => Promise<HttpResult>> = {
  'GET /sign-in': async (event) =>
    show(event, 200, {
      next: safeNext(event.queryStringParameters?.next),
      ...(event.queryStringParameters?.signedOut ? { notice: messages(langOf(event)).signIn.signedOut } : {}),
    }),
  'POST /sign-in': signIn,
  'POST /sign-out': signOut,
};

/**
 * Officials sign in with the user pool's password flow, then TOTP (set up at the first sign-in when the pool
 * requires it); the ID token becomes an HttpOnly session cookie. Both POSTs are CSRF-checked, sign-in included:
 * a forged sign-in would put the victim in an attacker's session.
 */
export const handler = middy<PublicEvent, HttpResult>()
  .use(observe())
  .use(bodyLimit())
  .use(httpHeaderNormalizer())
  .use(httpUrlencodeBodyParser({ disableContentTypeError: true }))
  .use(csrfProtection())
  .use(errorsToResponses(officialErrorPage))
  .handler(async (event) => {
    const route = routes[event.routeKey as SignInRoute];
    return route ? route(event) : redirect(pathTo(SIGN_IN.form));
  });
