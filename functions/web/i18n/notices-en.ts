import type { NoticesMessages } from './notices-vi.ts';

/** The words of the phone notices on the officials' pages, in English. */
export const noticesEn: NoticesMessages = {
  nav: 'Settings',
  title: 'Office settings',
  intro:
    'Beside the email, the office can send a short notice to each recipient agency’s phone (its number in the directory): at issue, with each reminder and when a deadline is missed. Notices go out in office hours only (08:00–17:00 on working days); the email stays the official record.',
  channels: 'Channels',
  sms: 'Send SMS notices',
  zalo: 'Send Zalo notices (ZNS)',
  notConfigured: 'not configured on this system: nothing is sent until an administrator configures it',
  appliesHint:
    'Changes apply to directives issued from now on; directives already issued keep the channels chosen when they were issued. Agencies marked “No SMS” or “No Zalo” in the directory get no notice by that channel.',
  save: 'Save settings',
  saved: 'Settings saved.',
  readOnly: 'The provincial office reads the settings and cannot change them.',
  column: 'Channels used',
  email: 'Email',
  reached: 'sent',
  failed: 'failed',
  none: 'none',
  noSms: 'No SMS',
  headPhone: 'Head’s phone',
  noZalo: 'No Zalo',
};
