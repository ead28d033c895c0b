import { randomUUID } from 'node:crypto';
import type { Faults } from '../faults.ts';
import type { Messages } from './store.ts';

type Answer = { status: number; body: unknown };

/** An error as End User Messaging SMS gives it (AWS JSON 1.0): the SDK names the exception after `__type`. */
const refusal = (type: string, message: string, reason?: string): Answer => ({
  status: 400,
  body: { __type: type, message, ...(reason ? { Reason: reason } : {}) },
});

const E164 = /^\+[1-9]\d{6,14}$/;
/** SendTextMessage's MessageBody: 1 to 1,600 characters. */
const MAX_BODY = 1600;

/**
 * The part of End User Messaging SMS (SMS and Voice v2) the app calls, `SendTextMessage`, on the runtime's AWS
 * endpoint (the SDK reaches it through AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2). Every message is recorded, sent or
 * refused. An armed fault (`POST /_local/faults {"sms": N}`) refuses the message as SMS refuses one for good
 * (400 ValidationException): the adapter records it as a FAILED notice, and nothing is retried.
 */
export const smsApi =
  (messages: Messages, faults?: Faults) =>
  (target: string, body: Record<string, unknown>): Answer => {
    if (target !== 'PinpointSMSVoiceV2.SendTextMessage')
      return refusal('UnknownOperationException', `The local SMS implements SendTextMessage only, not ${target}`);
    const to = typeof body.DestinationPhoneNumber === 'string' ? body.DestinationPhoneNumber : '';
    const text = typeof body.MessageBody === 'string' ? body.MessageBody : '';
    if (!E164.test(to))
      return refusal('ValidationException', 'DestinationPhoneNumber must be E.164 (+84…)', 'INVALID_PARAMETER');
    if (text.length === 0 || text.length > MAX_BODY)
      return refusal('ValidationException', `MessageBody must be 1 to ${MAX_BODY} characters`, 'INVALID_PARAMETER');
    const record = { id: randomUUID(), channel: 'sms' as const, to, text, sentAt: new Date().toISOString() };
    if (faults?.take('sms')) {
      const error = 'refused (a fault armed by POST /_local/faults)';
      messages.add({ ...record, status: 'FAILED', error });
      return refusal('ValidationException', error, 'INVALID_PARAMETER');
    }
    messages.add({ ...record, status: 'SENT' });
    return { status: 200, body: { MessageId: record.id } };
  };
