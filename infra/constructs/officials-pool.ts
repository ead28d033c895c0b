import { Duration, Validations } from 'aws-cdk-lib';
import { AccountRecovery, ClientAttributes, Mfa, StringAttribute, UserPool } from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';

/** `required` unless the deploy says `-c officialsMfa=optional`. */
export const OFFICIALS_MFA = ['required', 'optional'] as const;
export type OfficialsMfa = (typeof OFFICIALS_MFA)[number];

/**
 * The officials' user pool and the web app's client. Created in the given scope under the ids they have always
 * had, so that a deployed pool (and its users) is updated, never replaced.
 *
 * A second factor by authenticator app (TOTP) is required by default: an official's session can issue a
 * directive to every agency of a province. No SMS (it costs, and needs an SNS role and a sandbox exit).
 * The client signs in with the API only (USER_PASSWORD_AUTH from the server-rendered sign-in page, SRP for
 * scripts): no hosted UI, so no OAuth flow, callback URL or scope to leave at CDK's defaults; refresh tokens can
 * be revoked at sign-out.
 */
export const createOfficialsPool = (scope: Construct, mfa: OfficialsMfa) => {
  const pool = new UserPool(scope, 'Officials', {
    selfSignUpEnabled: false,
    signInAliases: { email: true },
    accountRecovery: AccountRecovery.EMAIL_ONLY,
    // CDK leaves the character classes out when only a length is given, and Cognito then requires none.
    passwordPolicy: {
      minLength: 12,
      requireLowercase: true,
      requireUppercase: true,
      requireDigits: true,
      requireSymbols: true,
    },
    mfa: mfa === 'required' ? Mfa.REQUIRED : Mfa.OPTIONAL,
    mfaSecondFactor: { otp: true, sms: false },
    // The office an official works for (`stttt-gialai`) and `PROVINCE` for the province's readers: set by an
    // administrator, never by the official (the client may not write them). Custom attributes can be added to a
    // deployed pool, so this updates it.
    customAttributes: {
      office: new StringAttribute({ minLen: 1, maxLen: 63, mutable: true }),
      role: new StringAttribute({ minLen: 1, maxLen: 20, mutable: true }),
    },
  });
  const webClient = pool.addClient('Web', {
    authFlows: { userPassword: true, userSrp: true },
    disableOAuth: true,
    enableTokenRevocation: true,
    generateSecret: false,
    idTokenValidity: Duration.hours(12),
    preventUserExistenceErrors: true,
    // Officials read their office and role in their ID token, and may change only their name, never their office or role.
    writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
  });

  Validations.of(pool).acknowledge({
    id: 'AwsSolutions-COG8',
    reason:
      'Threat protection needs the Plus plan (billed per user); TOTP MFA, no self sign-up and a throttled sign-in route answer the same risk here.',
  });
  if (mfa === 'optional')
    Validations.of(pool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason: 'MFA made optional by the deployer on purpose (-c officialsMfa=optional); required is the default.',
    });
  return { pool, webClient };
};
