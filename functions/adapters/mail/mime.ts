export type EmailAttachment = { filename: string; content: string | Buffer; contentType: string };

export type RawEmail = {
  from: string;
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  html: string;
  attachments?: EmailAttachment[];
  headers?: Record<string, string>;
};

/** Headers are one line: a CR or LF in a value would start a new header (or the body). */
const oneLine = (value: string) => value.replace(/[\r\n]+/g, ' ');

/** Headers that ask mail servers and clients not to answer a machine with out-of-office replies. */
const AUTOMATED = { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' } as const;

/**
 * Builds the raw MIME message SES's SendRawEmail takes: multipart/mixed around a text/HTML alternative and the
 * attachments, UTF-8 throughout, non-ASCII headers RFC 2047-encoded by nodemailer. Message-ID and Date are
 * nodemailer's.
 */
export async function composeRawEmail(mail: RawEmail): Promise<Buffer> {
  // Loaded with the first email, not with the function: the officials' and inbox functions bundle the mail stack
  // for the few requests that send one, and most of their cold starts never compose a message.
  const { default: MailComposer } = await import('nodemailer/lib/mail-composer/index.js');
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(mail.headers ?? {})) {
    if (Object.keys(AUTOMATED).some((k) => k.toLowerCase() === key.toLowerCase())) continue;
    headers[oneLine(key)] = oneLine(value);
  }
  const composer = new MailComposer({
    from: oneLine(mail.from),
    to: mail.to.map(oneLine),
    ...(mail.cc && mail.cc.length > 0 ? { cc: mail.cc.map(oneLine) } : {}),
    subject: oneLine(mail.subject),
    text: mail.text,
    html: mail.html,
    attachments: (mail.attachments ?? []).map((a) => ({
      filename: oneLine(a.filename),
      content: a.content,
      contentType: oneLine(a.contentType),
    })),
    headers: { ...headers, ...AUTOMATED },
    // Content comes only from the arguments: never from a file path or a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return composer.compile().build();
}
