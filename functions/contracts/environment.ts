import { z } from 'zod';

/**
 * The environment every function reads, its names and their schema: the stack sets them by these names, the
 * local runtime likewise, and `config()` parses them once per container.
 */
const schema = z.object({
  TABLE_NAME: z.string().min(1),
  PUBLIC_BASE_URL: z.url().transform((u) => u.replace(/\/+$/, '')),
  SENDER_ADDRESS: z.string().min(3),
  LINK_SECRET_ARN: z.string().min(1),
  /** Only the functions that start executions get these: a state machine's own tasks cannot name it. */
  ASSIGNMENT_MACHINE_ARN: z.string().min(1).optional(),
  FANOUT_MACHINE_ARN: z.string().min(1).optional(),
  /** The bucket of report attachments and directive files: only the functions that read or write them get it. */
  ATTACHMENTS_BUCKET: z.string().min(1).optional(),
  /** The Cognito user pool officials sign in to: the issuer and audience of their ID tokens, and its keys. */
  OFFICIALS_ISSUER: z.string().min(1).optional(),
  OFFICIALS_CLIENT_ID: z.string().min(1).optional(),
  OFFICIALS_JWKS_URL: z.url().optional(),
  /** Links stay valid this long after the last deadline. */
  LINK_TTL_DAYS: z.coerce.number().int().positive().default(180),
  /** An assignment's execution goes on in a new one after this many days (Standard executions live a year). */
  RENEW_AFTER_DAYS: z.coerce.number().int().min(1).max(330).default(300),
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
