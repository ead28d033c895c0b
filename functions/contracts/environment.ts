import * as z from 'zod/mini';
import './zod-messages.ts';

/**
 * The environment every function reads, its names and their schema: the stack sets them by these names, the
 * local runtime likewise, and `config()` parses them once per container.
 */
const schema = z.object({
  TABLE_NAME: z.string().check(z.minLength(1)),
  PUBLIC_BASE_URL: z.pipe(
    z.url(),
    z.transform((u: string) => u.replace(/\/+$/, '')),
  ),
  SENDER_ADDRESS: z.string().check(z.minLength(3)),
  LINK_SECRET_ARN: z.string().check(z.minLength(1)),
  /** Only the functions that start executions get these: a state machine's own tasks cannot name it. */
  ASSIGNMENT_MACHINE_ARN: z.optional(z.string().check(z.minLength(1))),
  FANOUT_MACHINE_ARN: z.optional(z.string().check(z.minLength(1))),
  /** The bucket of report attachments and directive files: only the functions that read or write them get it. */
  ATTACHMENTS_BUCKET: z.optional(z.string().check(z.minLength(1))),
  /** The Cognito user pool officials sign in to: the issuer and audience of their ID tokens, and its keys. */
  OFFICIALS_ISSUER: z.optional(z.string().check(z.minLength(1))),
  OFFICIALS_CLIENT_ID: z.optional(z.string().check(z.minLength(1))),
  OFFICIALS_JWKS_URL: z.optional(z.url()),
  /** Links stay valid this long after the last deadline. */
  LINK_TTL_DAYS: z._default(z.coerce.number().check(z.int(), z.positive()), 180),
  /** An assignment's execution goes on in a new one after this many days (Standard executions live a year). */
  RENEW_AFTER_DAYS: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(330)), 300),
  /**
   * Phone notices (functions/adapters/notices). A channel is configured when its variables are set, which the stack
   * does only for the functions that send notices and only when the deploy context names a sender.
   * SMS: the registered sender ID (End User Messaging SMS) and, optionally, the configuration set it sends with.
   */
  SMS_SENDER_ID: z.optional(z.string().check(z.minLength(1))),
  SMS_CONFIGURATION_SET: z.optional(z.string().check(z.minLength(1))),
  /** Zalo ZNS: the Official Account's app id, and the secret holding its secret key and tokens. */
  ZALO_APP_ID: z.optional(z.string().check(z.minLength(1))),
  ZALO_SECRET_ARN: z.optional(z.string().check(z.minLength(1))),
  /**
   * The ids Zalo gave the OA's approved templates, one per notice kind, as JSON (`{"invitation": "…", "reminder":
   * "…", "escalation": "…"}`): a ZNS template exists only once Zalo approved it, so its id is configuration.
   */
  ZALO_TEMPLATE_IDS: z.optional(
    z.pipe(
      z.pipe(
        z.string(),
        z.transform((v: string) => JSON.parse(v) as unknown),
      ),
      z.object({ invitation: z.string(), reminder: z.string(), escalation: z.string() }),
    ),
  ),
  /** Zalo's two hosts; the local runtime points them at its stand-in. */
  ZALO_API_URL: z._default(
    z.pipe(
      z.url(),
      z.transform((u: string) => u.replace(/\/+$/, '')),
    ),
    'https://business.openapi.zalo.me',
  ),
  ZALO_OAUTH_URL: z._default(
    z.pipe(
      z.url(),
      z.transform((u: string) => u.replace(/\/+$/, '')),
    ),
    'https://oauth.zaloapp.com',
  ),
});

export type Config = z.infer<typeof schema>;

/** The names, to set a variable by: `{ [ENV.TABLE_NAME]: table.tableName }`. */
export const ENV = Object.fromEntries(Object.keys(schema.shape).map((name) => [name, name])) as {
  readonly [K in keyof typeof schema.shape]: K;
};

let cached: Config | undefined;

/** Read lazily so that importing a module never fails; a missing variable fails the first call that needs it. */
export const config = (): Config => {
  cached ??= schema.parse(process.env);
  return cached;
};

export const officialsPool = () => {
  const { OFFICIALS_ISSUER: issuer, OFFICIALS_CLIENT_ID: clientId, OFFICIALS_JWKS_URL: jwksUrl } = config();
  if (!issuer || !clientId || !jwksUrl)
    throw new Error('OFFICIALS_ISSUER, OFFICIALS_CLIENT_ID and OFFICIALS_JWKS_URL must be set');
  return { issuer, clientId, jwksUrl };
};

export const machineArn = (name: typeof ENV.ASSIGNMENT_MACHINE_ARN | typeof ENV.FANOUT_MACHINE_ARN) => {
  const arn = config()[name];
  if (!arn) throw new Error(`${name} is not configured for this function`);
  return arn;
};
