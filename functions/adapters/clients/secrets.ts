import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** The Secrets Manager client, once per container. */
export const secrets = new SecretsManagerClient({});
