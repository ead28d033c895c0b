import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { exportJWK, generateKeyPair, importJWK, type JWK, jwtVerify, SignJWT } from 'jose';

/**
 * The part of Cognito the app uses, for the officials listed in the data folder: `InitiateAuth` with
 * USER_PASSWORD_AUTH, ID tokens signed with a local RSA key (same issuer and audience as the stack's user
 * pool), and the key set to verify them. At first start it writes one official with a random password to
 * `officials.json`; edit that file to add more (restart to take effect).
 */
export type LocalOfficial = { email: string; name: string; password: string };

// A year, not Cognito's 12 hours: the virtual clock may move weeks, and should not sign officials out.
const TOKEN_HOURS = 366 * 24;

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

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export const startCognito = async (options: {
  keysFile: string;
  officialsFile: string;
  issuer: string;
  clientId: string;
}) => {
  const { privateKey, publicJwk } = await loadKeys(options.keysFile);
  const { officials, created } = loadOfficials(options.officialsFile);
  const publicKey = await importJWK(publicJwk, 'RS256');

  const idToken = (official: LocalOfficial) =>
    new SignJWT({ token_use: 'id', email: official.email, name: official.name, email_verified: true })
      .setProtectedHeader({ alg: 'RS256', kid: publicJwk.kid ?? '' })
      .setIssuer(options.issuer)
      .setAudience(options.clientId)
      .setSubject(`local-${official.email}`)
      .setIssuedAt()
      .setExpirationTime(`${TOKEN_HOURS}h`)
      .sign(privateKey);

  const api = async (target: string, body: Record<string, unknown>) => {
    if (target !== 'AWSCognitoIdentityProviderService.InitiateAuth')
      return { status: 400, body: { __type: 'UnknownOperationException', message: target } };
    const params = (body.AuthParameters ?? {}) as Record<string, string>;
    if (body.ClientId !== options.clientId)
      return {
        status: 400,
        body: { __type: 'ResourceNotFoundException', message: 'User pool client does not exist.' },
      };
    if (body.AuthFlow !== 'USER_PASSWORD_AUTH')
      return { status: 400, body: { __type: 'InvalidParameterException', message: 'Only USER_PASSWORD_AUTH locally' } };
    const official = officials.find(
      (o) =>
        o.email.toLowerCase() === String(params.USERNAME ?? '').toLowerCase() &&
        same(o.password, String(params.PASSWORD ?? '')),
    );
    if (!official)
      return { status: 400, body: { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' } };
    const token = await idToken(official);
    return {
      status: 200,
      body: {
        AuthenticationResult: {
          IdToken: token,
          AccessToken: token,
          ExpiresIn: TOKEN_HOURS * 3600,
          TokenType: 'Bearer',
        },
        ChallengeParameters: {},
      },
    };
  };

  /** What API Gateway's JWT authorizer would accept: a live ID token of this pool, for this client. */
  const verify = async (token: string) => {
    try {
      const { payload } = await jwtVerify(token, publicKey, { issuer: options.issuer, audience: options.clientId });
      return payload;
    } catch {
      return undefined;
    }
  };

  return { api, verify, jwks: { keys: [publicJwk] }, officials, created };
};
