import type { viForward } from './forward-vi.ts';

/** The words of forwarding to sub-units, in English (`?lang=en`). */
export const enForward: typeof viForward = {
  title: 'Forward to your units',
  intro:
    'Give one or more of your tasks to your own units (communes, wards, divisions…). Each unit gets an email with its ' +
    'own link and reminders; a unit that is late is reported to you (not to the issuing office).',
  tasks: 'Tasks to forward',
  deadline: 'The units’ deadline (not later than your own)',
  units: 'Units, one a line: Unit name <email>',
  unitsHint: 'For example: UBND xã Ia Blang <xaiablang@example.vn>',
  submit: 'Forward',
  once: 'A directive is forwarded once: list every unit.',
  doneTitle: 'Forwarded to your units',
  doneText: (n: number) => `The directive was sent to ${n} units. Follow them on the "Your units" page.`,
  alreadyText: 'This directive was already forwarded with exactly this content.',
  follow: 'Your units',
  forwardedTitle: 'Forwarded to your units',
  rollUp: (r) => `${r.total} units: ${r.acknowledged} acknowledged, ${r.completed} completed, ${r.overdue} overdue`,
  rowLabel: 'Forwarded',
  summarize: 'Start from your units’ reports',
  summarizeHint: 'The text below is taken from your units’ reports; edit it before sending.',
  notReported: '(not reported yet)',
  dashboardTitle: (name: string) => `Units of ${name}`,
  dashboardIntro: 'Your own follow-up page, through your link, without an account.',
  chain: 'Forwarding chain',
  backToPage: 'Back to your directive page',
  down: 'See its units',
  forwardedFrom: (number: string, issuer: string) => `Forwarding directive ${number} of ${issuer}`,
};
