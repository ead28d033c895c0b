import type { InboxMessages } from './inbox-vi.ts';

/** The words of an agency's inbox pages, in English. */
export const inboxEn: InboxMessages = {
  title: 'Your agency’s directives',
  intro:
    'Enter the email address at which your agency receives directives. A link to the list of every directive sent to that address, from every issuing office, is sent to it.',
  email: 'Your agency’s email address',
  submit: 'Send the link',
  sentTitle: 'Request received',
  sent: 'If this address has directives to act on, a link has been sent to its mailbox.',
  sentHint: 'The link is valid for 30 days. No email? Check the spam folder too.',
  listTitle: (email: string) => `Directives sent to ${email}`,
  validUntil: (date: string) => `This link is valid until ${date}. Do not forward it.`,
  open: 'To act on',
  closed: 'Done or withdrawn',
  none: 'No directives.',
  noneOpen: 'Nothing to act on.',
  number: 'Number',
  subject: 'Subject',
  issuer: 'Issued by',
  status: 'Status',
  deadline: 'Nearest deadline',
  lastDeadline: 'Deadline',
  overdue: 'overdue',
  openPage: 'Open its page',
  noPage: 'This directive no longer has a page.',
  askAgain: 'Ask for a new link',
  invalidTitle: 'This link is not valid',
  goneTitle: 'This link has expired',
};
