import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload, jwtVerify, SignJWT } from 'jose';

/**
 * The part of Cognito the app uses, for the officials listed in the data folder: `InitiateAuth` with
 * USER_PASSWORD_AUTH, `RespondToAuthChallenge` for TOTP (`SOFTWARE_TOKEN_MFA`), and `RevokeToken`. ID and access
 * tokens are signed with a local RSA key (same issuer and audience as the stack's user pool) and carry `jti` and
 * `origin_jti` like Cognito's; the refresh token is a signed token of this stand-in. At first start it writes one
 * official with a random password to `officials.json`; edit that file to add more (restart to take effect). An
 * entry's `office` and `role` become the ID token's `custom:office` and `custom:role`, as the stack's pool sets them.
 *
 * MFA stays off unless an official has a `totpSecret` (base32, as authenticator apps take it): InitiateAuth then
 * answers the `SOFTWARE_TOKEN_MFA` challenge and the code is checked (RFC 6238: SHA-1, 30 s, 6 digits, one step
 * either side). The first-time `MFA_SETUP` challenge is Cognito's alone: locally a secret is written, not enrolled.
 */
export type LocalOfficial = {
  email: string;
  name: string;
  password: string;
  totpSecret?: string;
  /** The office the official works for (`stttt-gialai`): the ID token's `custom:office`, as on AWS. */
  office?: string;
  /** `PROVINCE`: reads every office's directives, changes none (`custom:role`). */
  role?: string;
};

// A year, not Cognito's 12 hours: the virtual clock may move weeks, and should not sign officials out.
const TOKEN_HOURS = 366 * 24;
/** Cognito's challenge session: three minutes, of real time (people type codes in real time). */
const CHALLENGE_MS = 3 * 60_000;
const CHALLENGE_ATTEMPTS = 5;

/** Real time in milliseconds: the virtual clock fakes `Date`, and authenticator apps run on the real one. */
const realNow = () => performance.timeOrigin + performance.now();

// ---------------------------------------------------------------------------------------------------------------
// TOTP (RFC 6238 over RFC 4226)

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

const base32Decode = (text: string) => {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const i = BASE32.indexOf(ch);
    if (i < 0) throw new Error(`Not base32: ${ch}`);
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
};

/** The code an authenticator app shows for `secret` (base32) at `atMs`. */
export const totp = (secret: string, atMs = realNow()) => {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(atMs / 30_000)));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
};

const totpMatches = (secret: string, code: string) =>
  /^\d{6}$/.test(code) && [-1, 0, 1].some((step) => same(totp(secret, realNow() + step * 30_000), code));

// ---------------------------------------------------------------------------------------------------------------

const loadKeys = async (file: string) => {
  if (existsSync(file)) {
    const { privateJwk, publicJwk } = JSON.parse(readFileSync(file, 'utf8')) as { privateJwk: JWK; publicJwk: JWK };
    return { privateKey: await importJWK(privateJwk, 'RS256'), publicJwk };
  }
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid: randomUUID(), alg: 'RS256', use: 'sig' };
  writeFileSync(file, JSON.stringify({ privateJwk: await exportJWK(privateKey), publicJwk }), { mode: 0o600 });
  return { privateKey, publicJwk };
};

const loadOfficials = (file: string): { officials: LocalOfficial[]; created: boolean } => {
  if (existsSync(file)) return { officials: JSON.parse(readFileSync(file, 'utf8')), created: false };
  const officials = [
    { email: 'canbo@chidao.local', name: 'Cán bộ văn phòng Sở', password: randomBytes(9).toString('base64url') },
  ];
  writeFileSync(file, `${JSON.stringify(officials, null, 2)}\n`, { mode: 0o600 });
  return { officials, created: true };
};

/** The sign-ins revoked by RevokeToken (their origin_jti), kept in the data folder across restarts. */
const loadRevoked = (file: string) =>
  new Set<string>(existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as string[]) : []);

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

type Answer = { status: number; body: unknown };
const fault = (type: string, message: string): Answer => ({ status: 400, body: { __type: type, message } });

export const startCognito = async (options: {
  keysFile: string;
  officialsFile: string;
  /** Where revoked sign-ins are kept; beside the keys by default. */
  revokedFile?: string;
  issuer: string;
  clientId: string;
}) => {
  const { privateKey, publicJwk } = await loadKeys(options.keysFile);
  const { officials, created } = loadOfficials(options.officialsFile);
  const publicKey = await importJWK(publicJwk, 'RS256');
  const revokedFile = options.revokedFile ?? join(dirname(options.keysFile), 'cognito-revoked.json');
  const revoked = loadRevoked(revokedFile);
  /** Open MFA challenges: session → the official, until when, and how many wrong codes so far. */
  const challenges = new Map<string, { official: LocalOfficial; until: number; attempts: number }>();

  const signed = (claims: JWTPayload, subject: string, hours: number) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: publicJwk.kid ?? '' })
      .setIssuer(options.issuer)
      .setSubject(subject)
      .setIssuedAt()
      .setJti(randomUUID())
      .setExpirationTime(`${hours}h`);

  /** One sign-in: its tokens share an `origin_jti`, which RevokeToken revokes. */
  const tokens = async (official: LocalOfficial) => {
    const sub = `local-${official.email}`;
    const origin = randomUUID();
    const authTime = Math.floor(Date.now() / 1000);
    const common = { origin_jti: origin, auth_time: authTime };
    const [IdToken, AccessToken, RefreshToken] = await Promise.all([
      signed(
        {
          ...common,
          token_use: 'id',
          email: official.email,
          name: official.name,
          email_verified: true,
          ...(official.office ? { 'custom:office': official.office } : {}),
          ...(official.role ? { 'custom:role': official.role } : {}),
        },
        sub,
        TOKEN_HOURS,
      )
        .setAudience(options.clientId)
        .sign(privateKey),
      signed(
        {
          ...common,
          token_use: 'access',
          client_id: options.clientId,
          username: sub,
          scope: 'aws.cognito.signin.user.admin',
        },
        sub,
        TOKEN_HOURS,
      ).sign(privateKey),
      signed({ ...common, token_use: 'refresh', client_id: options.clientId }, sub, TOKEN_HOURS * 10).sign(privateKey),
    ]);
    return {
      status: 200,
      body: {
        AuthenticationResult: {
          IdToken,
          AccessToken,
          RefreshToken,
          ExpiresIn: TOKEN_HOURS * 3600,
          TokenType: 'Bearer',
        },
        ChallengeParameters: {},
      },
    };
  };

  const initiateAuth = async (body: Record<string, unknown>): Promise<Answer> => {
    const params = (body.AuthParameters ?? {}) as Record<string, string>;
    if (body.AuthFlow !== 'USER_PASSWORD_AUTH')
      return fault('InvalidParameterException', 'Only USER_PASSWORD_AUTH locally');
    const official = officials.find(
      (o) =>
        o.email.toLowerCase() === String(params.USERNAME ?? '').toLowerCase() &&
        same(o.password, String(params.PASSWORD ?? '')),
    );
    if (!official) return fault('NotAuthorizedException', 'Incorrect username or password.');
    if (!official.totpSecret) return tokens(official);
    const session = randomBytes(32).toString('base64url');
    challenges.set(session, { official, until: realNow() + CHALLENGE_MS, attempts: 0 });
    return {
      status: 200,
      body: {
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: session,
        ChallengeParameters: { USER_ID_FOR_SRP: `local-${official.email}` },
      },
    };
  };

  const respondToAuthChallenge = async (body: Record<string, unknown>): Promise<Answer> => {
    if (body.ChallengeName !== 'SOFTWARE_TOKEN_MFA')
      return fault('InvalidParameterException', `Only SOFTWARE_TOKEN_MFA locally, not ${String(body.ChallengeName)}`);
    const session = String(body.Session ?? '');
    const open = challenges.get(session);
    if (!open || open.until < realNow()) {
      challenges.delete(session);
      return fault('NotAuthorizedException', 'Invalid session for the user, session is expired.');
    }
    const code = String(
      (body.ChallengeResponses as Record<string, unknown> | undefined)?.SOFTWARE_TOKEN_MFA_CODE ?? '',
    );
    if (!totpMatches(open.official.totpSecret ?? '', code)) {
      if (++open.attempts >= CHALLENGE_ATTEMPTS) challenges.delete(session);
      return fault('CodeMismatchException', 'Invalid code received for user');
    }
    challenges.delete(session);
    return tokens(open.official);
  };

  /** RFC 7009, as Cognito does it: a token that is not valid is no error; one of another client is. */
  const revokeToken = async (body: Record<string, unknown>): Promise<Answer> => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(String(body.Token ?? ''), publicKey, { issuer: options.issuer }));
    } catch {
      return { status: 200, body: {} };
    }
    if (payload.token_use !== 'refresh') return fault('UnsupportedTokenTypeException', 'Not a refresh token.');
    if (payload.client_id !== body.ClientId) return fault('UnauthorizedException', 'Client is not authorized.');
    if (typeof payload.origin_jti === 'string' && !revoked.has(payload.origin_jti)) {
      revoked.add(payload.origin_jti);
      writeFileSync(revokedFile, JSON.stringify([...revoked]), { mode: 0o600 });
    }
    return { status: 200, body: {} };
  };

  const operations: Record<string, (body: Record<string, unknown>) => Promise<Answer>> = {
    InitiateAuth: initiateAuth,
    RespondToAuthChallenge: respondToAuthChallenge,
    RevokeToken: revokeToken,
  };

  const api = async (target: string, body: Record<string, unknown>): Promise<Answer> => {
    const name = target.replace(/^AWSCognitoIdentityProviderService\./, '');
    const operation = Object.hasOwn(operations, name) ? operations[name] : undefined;
    if (!operation) return fault('UnknownOperationException', target);
    if (body.ClientId !== options.clientId && name !== 'RevokeToken')
      return fault('ResourceNotFoundException', 'User pool client does not exist.');
    return operation(body);
  };

  /**
   * What API Gateway's JWT authorizer would accept: a live ID token of this pool, for this client. Unlike API
   * Gateway, which knows nothing of revocation, this also refuses a revoked sign-in, as the handlers do through
   * their own deny-list (functions/adapters/store/sessions.ts), which is what protects `/api/*` on AWS.
   */
  const verify = async (token: string) => {
    try {
      const { payload } = await jwtVerify(token, publicKey, { issuer: options.issuer, audience: options.clientId });
      if (payload.token_use !== 'id') return undefined;
      if (typeof payload.origin_jti === 'string' && revoked.has(payload.origin_jti)) return undefined;
      return payload;
    } catch {
      return undefined;
    }
  };

  return { api, verify, jwks: { keys: [publicJwk] }, officials, created };
};
