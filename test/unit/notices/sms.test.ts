import {
  ConflictException,
  InternalServerException,
  PinpointSMSVoiceV2Client,
  SendTextMessageCommand,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Notice } from '#adapters/notices/channel.ts';
import { configuredChannels, sendNotice } from '#adapters/notices/index.ts';

/** The SMS adapter: what it asks End User Messaging SMS, and what it makes of the answers. */

process.env.SMS_SENDER_ID = 'STTTTGLAI';
process.env.SMS_CONFIGURATION_SET = 'chidao-notices';

const smsMock = mockClient(PinpointSMSVoiceV2Client);
const notice: Notice = {
  channel: 'sms',
  to: '+84912345678',
  text: 'CV 126/STTTT-BCVT: bao cao truoc 17:00 05/12/2026. https://c.example/s/ab12',
  reference: '01JH6Y6W8ZQ3M5X2C4V7B9N0PR/so-tc/invitation',
};

beforeEach(() => smsMock.reset());

describe('SMS adapter', () => {
  it('is a configured channel when a sender ID is set', () => {
    expect(configuredChannels()).toContain('sms');
  });

  it('sends a transactional text from the sender ID with the configuration set', async () => {
    smsMock.on(SendTextMessageCommand).resolves({ MessageId: 'm-1' });
    expect(await sendNotice(notice)).toEqual({ status: 'SENT', messageId: 'm-1' });
    expect(smsMock.commandCalls(SendTextMessageCommand)[0]?.args[0].input).toEqual({
      DestinationPhoneNumber: '+84912345678',
      MessageBody: notice.text,
      OriginationIdentity: 'STTTTGLAI',
      ConfigurationSetName: 'chidao-notices',
      MessageType: 'TRANSACTIONAL',
      Context: { reference: notice.reference },
    });
  });

  it('a refusal of this message is FAILED with its reason, for the caller to record', async () => {
    smsMock
      .on(SendTextMessageCommand)
      .rejectsOnce(
        new ConflictException({ $metadata: {}, message: 'opted out', Reason: 'DESTINATION_PHONE_NUMBER_OPTED_OUT' }),
      )
      .rejectsOnce(new ValidationException({ $metadata: {}, message: 'bad number', Reason: 'INVALID_PARAMETER' }));
    expect(await sendNotice(notice)).toEqual({
      status: 'FAILED',
      error: 'ConflictException (DESTINATION_PHONE_NUMBER_OPTED_OUT): opted out',
    });
    expect(await sendNotice(notice)).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/^Validation/) });
  });

  it('throttling and 5xx are thrown for the Task’s Retry', async () => {
    smsMock
      .on(SendTextMessageCommand)
      .rejectsOnce(new ThrottlingException({ $metadata: {}, message: 'slow down' }))
      .rejectsOnce(new InternalServerException({ $metadata: {}, message: 'oops' }));
    await expect(sendNotice(notice)).rejects.toMatchObject({ name: 'ThrottlingException' });
    await expect(sendNotice(notice)).rejects.toMatchObject({ name: 'InternalServerException' });
  });
});
