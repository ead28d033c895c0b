import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  NotAuthorizedException,
  RespondToAuthChallengeCommand,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpUrlencodeBodyParser from '@middy/http-urlencode-body-parser';
import { z } from 'zod';
import { config, officialsPool } from '../shared/config.ts';
import { errorsToResponses } from '../shared/http/errors-to-responses.ts';
import type { PublicEvent } from '../shared/http/events.ts';
import { type HttpResult, redirect } from '../shared/http/responses.ts';
import { clearedSessionCookie, sessionCookie } from '../shared/http/session.ts';
import { langCookie, langOf, messages } from '../shared/pages/i18n.ts';
import { page } from '../shared/pages/render.tsx';
import { SignInPage } from '../web/sign-in-page.tsx';
import type { SignInRoute } from './routes.ts';

const cognito = new CognitoIdentityProviderClient({});

/** Only a path of this site: never an open redirect. */
const safeNext = (next: unknown) =>
  typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') ? next : '/directives';

const form = z.object({
  email: z.string().trim().default(''),
  password: z.string().default(''),
  next: z.string().optional(),
  session: z.string().optional(),
  newPassword: z.string().optional(),
});

const show = (event: PublicEvent, status: number, props: Omit<Parameters<typeof SignInPage>[0], 'lang'>) =>
  page(status, <SignInPage lang={langOf(event)} {...props} />, {}, langCookie(event));

const signedIn = (idToken: string, expiresIn: number | undefined, next: string): HttpResult => ({
  ...redirect(next),
  cookies: [sessionCookie(idToken, expiresIn ?? 3600, config().PUBLIC_BASE_URL.startsWith('https:'))],
});

const signIn = async (event: PublicEvent): Promise<HttpResult> => {
  const input = form.parse(event.body ?? {});
  const next = safeNext(input.next);
  const m = messages(langOf(event)).signIn;
  const { clientId } = officialsPool();
  try {
    const result =
      input.session && input.newPassword
        ? await cognito.send(
            new RespondToAuthChallengeCommand({
              ClientId: clientId,
              ChallengeName: 'NEW_PASSWORD_REQUIRED',
              Session: input.session,
              ChallengeResponses: { USERNAME: input.email, NEW_PASSWORD: input.newPassword },
            }),
          )
        : await cognito.send(
            new InitiateAuthCommand({
              ClientId: clientId,
              AuthFlow: 'USER_PASSWORD_AUTH',
              AuthParameters: { USERNAME: input.email, PASSWORD: input.password },
            }),
          );
    if (result.ChallengeName === 'NEW_PASSWORD_REQUIRED' && result.Session)
      return show(event, 200, { next, challenge: { session: result.Session, email: input.email } });
    const token = result.AuthenticationResult?.IdToken;
    if (!token) return show(event, 401, { next, error: m.failed, email: input.email });
    return signedIn(token, result.AuthenticationResult?.ExpiresIn, next);
  } catch (error) {
    if (error instanceof NotAuthorizedException || error instanceof UserNotFoundException)
      return show(event, 401, { next, error: m.failed, email: input.email });
    throw error;
  }
};

const routes: Record<SignInRoute, (event: PublicEvent) => Promise<HttpResult>> = {
  'GET /sign-in': async (event) =>
    show(event, 200, {
      next: safeNext(event.queryStringParameters?.next),
      ...(event.queryStringParameters?.signedOut ? { notice: messages(langOf(event)).signIn.signedOut } : {}),
    }),
  'POST /sign-in': signIn,
  'POST /sign-out': async () => ({ ...redirect('/sign-in?signedOut=1'), cookies: [clearedSessionCookie()] }),
};

/** Officials sign in with the user pool's password flow; the ID token becomes an HttpOnly session cookie. */
export const handler = middy<PublicEvent, HttpResult>()
  .use(httpHeaderNormalizer())
  .use(httpUrlencodeBodyParser({ disableContentTypeError: true }))
  .use(errorsToResponses())
  .handler(async (event) => {
    const route = routes[event.routeKey as SignInRoute];
    return route ? route(event) : redirect('/sign-in');
  });
