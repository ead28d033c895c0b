import { appendFileSync, existsSync, readFileSync } from 'node:fs';

export type LocalMessage = {
  /** The provider's message id (SMS MessageId, ZNS msg_id), or a local id for a refused message. */
  id: string;
  channel: 'sms' | 'zalo';
  /** As the provider got it: E.164 for SMS, `84…` for Zalo. */
  to: string;
  /** The SMS text; for Zalo, the template's parameters as `key: value` lines. */
  text: string;
  /** Zalo: the template id. */
  template?: string;
  sentAt: string;
  status: 'SENT' | 'FAILED';
  /** Why the stand-in refused it (a fault, a bad number). */
  error?: string;
};

/**
 * Every SMS and Zalo message the app sent to the local stand-ins, oldest first, kept in the data folder (one JSON
 * line each, appended before the provider's answer) so that a restart loses none, as the outbox keeps emails.
 */
export class Messages {
  private readonly messages: LocalMessage[] = [];

  constructor(private readonly file?: string) {
    if (file && existsSync(file))
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (!line) continue;
        try {
          this.messages.push(JSON.parse(line));
        } catch {
          // A line cut by a kill in mid-write: the message it would have been was never answered as sent.
        }
      }
  }

  list(): readonly LocalMessage[] {
    return this.messages;
  }

  add(message: LocalMessage) {
    if (this.file) appendFileSync(this.file, `${JSON.stringify(message)}\n`);
    this.messages.push(message);
    return message;
  }
}
