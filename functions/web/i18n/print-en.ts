import type { PrintMessages } from './print-vi.ts';

/** The words of the status sheet for printing, the "Print" link and the date fields' hint, in English. */
export const printEn: PrintMessages = {
  link: 'Print view',
  pageTitle: 'Implementation status for printing',
  heading: 'IMPLEMENTATION STATUS',
  directive: (number: string, date: string) => `Directive No. ${number} of ${date}`,
  asOf: (time: string, date: string) => `As of ${time} on ${date}`,
  print: 'Print',
  back: 'Back',
  counts: 'Summary',
  total: (n: number) => `Agencies addressed: ${n.toLocaleString('en-GB')}`,
  notAcknowledged: 'Not acknowledged',
  cancelled: 'Withdrawn',
  deliveryFailed: 'Could not be delivered',
  agencies: 'Each agency',
  columns: {
    index: 'No.',
    agency: 'Agency',
    acknowledged: 'Acknowledged',
    reported: 'Report (date)',
    status: 'Status',
    note: 'Note',
  },
  notYet: 'Not yet',
  reportedOf: (done: number, owed: number) => `${done}/${owed} reports`,
  overdueDays: (n: number) => `Overdue by ${n} day${n === 1 ? '' : 's'}`,
  extensionAsked: (date: string) => `Extension asked until ${date}`,
  empty: 'The directive has not been sent to any agency.',
  dayHint: 'Day/month/year, e.g. 05/12/2026',
  dayPlaceholder: 'dd/mm/yyyy',
};
