import { SFNClient } from '@aws-sdk/client-sfn';

/** The Step Functions client, once per container. */
export const sfn = new SFNClient({});
