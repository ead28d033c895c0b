/**
 * A short notice on the agency's phone beside the email (which stays the record): one interface whatever carries
 * it, so that the workflow neither knows nor cares whether it went by SMS or by Zalo.
 */
export type Channel = 'sms' | 'zalo';

export const CHANNELS: readonly Channel[] = ['sms', 'zalo'];

export type Notice = {
  channel: Channel;
  /** E.164, `+84…`. */
  to: string;
  /** The whole text of an SMS; for Zalo, what the template's parameters say, kept for the record. */
  text: string;
  /** Zalo ZNS only: the approved template and its parameters. */
  template?: { id: string; data: Record<string, string> };
  /** Identifies the notice to the provider (tracking id) and in logs: `{directiveId}/{recipientId}/{checkpoint}`. */
  reference: string;
};

/**
 * `SENT` once the provider accepted it; `FAILED` when the provider refused this notice for good (a bad number, an
 * unapproved template…). Transient failures (throttling, 5xx, timeouts) are thrown, not returned, so that a
 * Task's Retry sees them.
 */
export type NoticeResult = { status: 'SENT'; messageId: string } | { status: 'FAILED'; error: string };

export interface NoticeChannel {
  send(notice: Notice): Promise<NoticeResult>;
}
