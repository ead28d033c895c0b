import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { AddressObject } from 'mailparser';

export type OutboxMail = {
  id: string;
  messageId?: string;
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html: string;
  sentAt: string;
  attachments: { filename: string; contentType: string; content: string }[];
};

const addresses = (a: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((o) => o.value.map((v) => v.address ?? '')).filter(Boolean);

/**
 * Every email the app sent through the local SES API, oldest first, kept in the data folder so a restart
 * loses none (aws-ses-v2-local keeps its own copy in memory only).
 */
export class Outbox {
  private readonly mails: OutboxMail[] = [];

  constructor(private readonly file?: string) {
    if (file && existsSync(file)) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (!line) continue;
        try {
          this.mails.push(JSON.parse(line));
        } catch {}
      }
    }
  }

  list() {
    return this.mails;
  }

  get(id: string) {
    return this.mails.find((m) => m.id === id);
  }

  async add(raw: Buffer, messageId?: string) {
    // Loaded with the first email, not with every start.
    const { simpleParser } = await import('mailparser');
    const parsed = await simpleParser(raw);
    const mail: OutboxMail = {
      id: randomUUID(),
      ...(messageId ? { messageId } : {}),
      from: parsed.from?.text ?? '',
      to: addresses(parsed.to),
      cc: addresses(parsed.cc),
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html: typeof parsed.html === 'string' ? parsed.html : '',
      sentAt: new Date().toISOString(),
      attachments: parsed.attachments.map((a) => ({
        filename: a.filename ?? 'attachment',
        contentType: a.contentType,
        content: a.content.toString('base64'),
      })),
    };
    this.mails.push(mail);
    if (this.file) appendFileSync(this.file, `${JSON.stringify(mail)}\n`);
    return mail;
  }
}
