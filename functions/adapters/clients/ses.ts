import { SESClient } from '@aws-sdk/client-ses';

/** The SES client, once per container. */
export const ses = new SESClient({});
