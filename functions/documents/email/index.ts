/** The emails the application sends, one module each, and the types their callers need. */

export type { EmailAttachment, EmailContent } from './content.ts';
export { type DigestLine, digestEmail } from './digest.ts';
export { type EscalateCheckpoint, escalationEmail } from './escalation.ts';
export { extensionDecisionEmail } from './extension-decision.ts';
export { inboxLinkEmail, type WeeklyLine, weeklyInboxEmail } from './inbox.ts';
export { type EmailedFile, type InvitationFiles, invitationEmail } from './invitation.ts';
export { type RemindCheckpoint, reminderEmail } from './reminder.ts';
export { deadlineVi, slugOf } from './wording.ts';
