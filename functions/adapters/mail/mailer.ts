import { SendRawEmailCommand } from '@aws-sdk/client-ses';
import { config } from '#contracts/environment.ts';
import { ses } from '../clients/ses.ts';
import { composeRawEmail } from './mime.ts';

export type OutgoingMail = {
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  html: string;
  attachments?: { filename: string; content: string | Buffer; contentType: string }[];
};

/** SES refuses these for this message and these addresses; sending again will not help. */
export const isPermanentRejection = (error: unknown) =>
  error instanceof Error && (error.name === 'MessageRejected' || error.name === 'InvalidParameterValue');

export const sendEmail = async (mail: OutgoingMail) => {
  const raw = await composeRawEmail({ from: config().SENDER_ADDRESS, ...mail });
  const { MessageId } = await ses.send(new SendRawEmailCommand({ RawMessage: { Data: raw } }));
  return MessageId;
};
