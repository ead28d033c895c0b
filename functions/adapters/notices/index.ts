import { config } from '#contracts/environment.ts';
import { CHANNELS, type Channel, type Notice, type NoticeChannel, type NoticeResult } from './channel.ts';

/**
 * The channels this deployment can send through (its configuration names a sender), and the one entry point.
 * Each adapter is loaded with the first notice it carries: the SMS client and the Zalo code cost nothing to a
 * container that sends none.
 */
export const configuredChannels = (): Channel[] => {
  const c = config();
  const configured: Record<Channel, boolean> = {
    sms: c.SMS_SENDER_ID !== undefined,
    zalo: c.ZALO_APP_ID !== undefined && c.ZALO_SECRET_ARN !== undefined && c.ZALO_TEMPLATE_IDS !== undefined,
  };
  return CHANNELS.filter((channel) => configured[channel]);
};

const adapters: Record<Channel, () => Promise<NoticeChannel>> = {
  sms: async () => (await import('./sms.ts')).smsChannel,
  zalo: async () => (await import('./zalo.ts')).zaloChannel,
};

export const sendNotice = async (notice: Notice): Promise<NoticeResult> => {
  if (!configuredChannels().includes(notice.channel))
    return { status: 'FAILED', error: `channel ${notice.channel} is not configured` };
  return (await adapters[notice.channel]()).send(notice);
};
