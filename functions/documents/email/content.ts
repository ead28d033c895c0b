/**
 * What a document hands to the mail adapter: a subject, the text and HTML parts, and any attachments.
 * Defined here, not imported from the adapter, because documents sit below adapters; the shapes match
 * `RawEmail` in the mail adapter structurally, so an `EmailContent` is accepted there as it is.
 */

export type EmailAttachment = { filename: string; content: string | Buffer; contentType: string };

export type EmailContent = { subject: string; text: string; html: string; attachments?: EmailAttachment[] };
