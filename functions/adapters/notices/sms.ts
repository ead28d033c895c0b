import { SendTextMessageCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { config } from '#contracts/environment.ts';
import { sms } from '../clients/sms.ts';
import type { NoticeChannel, NoticeResult } from './channel.ts';

/**
 * End User Messaging SMS refuses these for this message for good: a bad or opted-out number (ValidationException,
 * ConflictException), a sender ID or configuration set it does not know (ResourceNotFoundException), a send it does
 * not allow (AccessDeniedException, e.g. an account still in the sandbox), a spending limit reached
 * (ServiceQuotaExceededException). Sending again within the Task's retries would not help, and the email is the
 * record: the caller records the failure and goes on. Throttling and 5xx are thrown for the Task's Retry.
 */
const PERMANENT = new Set([
  'ValidationException',
  'ConflictException',
  'ResourceNotFoundException',
  'AccessDeniedException',
  'ServiceQuotaExceededException',
]);

export const isPermanentRefusal = (error: unknown): error is Error & { Reason?: string } =>
  error instanceof Error && PERMANENT.has(error.name);

/** Long enough to say why, short enough for an assignment's event. */
const MAX_ERROR = 160;

export const smsChannel: NoticeChannel = {
  async send(notice): Promise<NoticeResult> {
    const { SMS_SENDER_ID: senderId, SMS_CONFIGURATION_SET: configurationSet } = config();
    if (!senderId) return { status: 'FAILED', error: 'channel sms is not configured' };
    try {
      const { MessageId } = await sms.send(
        new SendTextMessageCommand({
          DestinationPhoneNumber: notice.to,
          MessageBody: notice.text,
          OriginationIdentity: senderId,
          ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
          MessageType: 'TRANSACTIONAL',
          // Carried to the configuration set's event destinations, to match delivery events with the notice.
          Context: { reference: notice.reference },
        }),
      );
      // An answer without an id is not an acceptance: let the Task try again.
      if (!MessageId)
        throw Object.assign(new Error('SendTextMessage answered without a MessageId'), { $retryable: {} });
      return { status: 'SENT', messageId: MessageId };
    } catch (error) {
      if (!isPermanentRefusal(error)) throw error;
      const reason = error.Reason ? ` (${error.Reason})` : '';
      return { status: 'FAILED', error: `${error.name}${reason}: ${error.message}`.slice(0, MAX_ERROR) };
    }
  },
};
