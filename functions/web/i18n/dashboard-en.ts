import type { DashboardMessages } from './dashboard-vi.ts';

const count = (n: number) => n.toLocaleString('en');

export const dashboardEn: DashboardMessages = {
  find: 'Find and filter agencies',
  search: 'Find an agency',
  searchHint: 'Name, email or agency id; with or without Vietnamese accents.',
  show: 'Show',
  shows: {
    all: 'All agencies',
    overdue: 'Overdue',
    onTime: 'In progress, on time',
    notAcknowledged: 'Not acknowledged',
    pending: 'Asking for more time',
    completed: 'Completed',
    deliveryFailed: 'Not delivered',
    cancelled: 'Cancelled',
  },
  group: 'Agency group',
  allGroups: 'Every group',
  sort: 'Sort',
  sorts: { attention: 'Needs attention first (nearest deadline)', name: 'Agency name (A–Z)' },
  apply: 'Filter',
  clear: 'Clear filters',
  range: (from, to, total) =>
    total === 0 ? 'No agencies.' : `Agencies ${count(from)}–${count(to)} of ${count(total)}`,
  none: 'No agency matches these filters.',
  previous: '‹ Previous page',
  next: 'Next page ›',
  first: '« First page',
  pendingBanner: (n) =>
    n === 1
      ? '1 agency is asking for more time, waiting for a decision.'
      : `${count(n)} agencies are asking for more time, waiting for a decision.`,
  pendingLink: 'See and decide the requests',
  rowMenu: 'Actions',
  rowMenuFor: (name) => `Actions for ${name}`,
  resendConfirm: (name) =>
    `Send ${name} a new link? The link sent before will stop working; the agency uses the one in the new email.`,
  done: {
    resend: (name) => `A new link was sent to ${name}. The old link no longer works.`,
    reassign: (name) => `${name} was moved to the new address and sent a new link.`,
    grant: (name, task, until) => `Task ${task} of ${name} was extended to ${until}.`,
    refuse: (name, task) => `The request of ${name} for more time on task ${task} was refused.`,
    'cancel-assignment': (name) => `The directive was cancelled for ${name}.`,
    'cancel-directive': () => 'The directive was cancelled for every agency.',
  },
  backToRow: 'Back to the agency’s row',
  list: {
    find: 'Find and filter directives',
    search: 'Find a directive',
    searchHint: 'Number, subject, issuing body or addressee; with or without Vietnamese accents.',
    state: 'State',
    allStates: 'Every state',
    issuer: 'Issuing body',
    allIssuers: 'Every body',
    sort: 'Sort',
    sorts: {
      newest: 'Newest first',
      oldest: 'Oldest first',
      number: 'By number',
      overdue: 'Most overdue agencies first',
    },
    range: (from, to, total) => `Directives ${count(from)}–${count(to)} of ${count(total)}`,
    none: 'No directive matches these filters.',
  },
};
