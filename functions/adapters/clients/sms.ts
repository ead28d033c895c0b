import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';

/** The End User Messaging SMS (SMS and Voice v2) client, once per container. */
export const sms = new PinpointSMSVoiceV2Client({});
