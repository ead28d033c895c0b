import type { Channel, Notice, NoticeResult } from './channel.ts';

/**
 * The channels this deployment can send through (its configuration names a sender), and the one entry point.
 * Until the adapters exist no channel is configured, so nothing is ever sent.
 */
export const configuredChannels = (): Channel[] => [];

export const sendNotice = async (notice: Notice): Promise<NoticeResult> => ({
  status: 'FAILED',
  error: `channel ${notice.channel} is not configured`,
});
