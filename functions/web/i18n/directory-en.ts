import type { DirectoryMessages } from './directory-vi.ts';

const n = (value: number) => value.toLocaleString('en-GB');

/** The words of the directory's search, row menus, confirmations and import, in English. */
export const directoryEn: DirectoryMessages = {
  search: 'Find agencies',
  searchLabel: 'Search by name, id, email or phone number',
  searchHint: 'With or without Vietnamese accents: "so y te" finds "Sở Y tế".',
  group: 'Group',
  allGroups: 'All groups',
  flag: 'Phone notices',
  allFlags: 'All',
  flags: { noSms: 'No SMS', noZalo: 'No Zalo', noPhone: 'No phone number' },
  sort: 'Sort by',
  sorts: { name: 'Name', id: 'Agency id', group: 'Group' },
  apply: 'Search',
  clear: 'Clear filters',
  range: (from, to, total, all) =>
    `${n(from)}–${n(to)} of ${n(total)} agencies${total < all ? ` found (the directory holds ${n(all)})` : ''}`,
  noMatch: 'No agency matches the search.',
  pagesTop: 'Pages, above the table',
  pagesBottom: 'Pages, below the table',
  previous: 'Previous page',
  next: 'Next page',
  pageOf: (page, pages) => `Page ${n(page)} of ${n(pages)}`,
  agency: 'Agency',
  head: 'Head of agency',
  menu: 'Actions',
  edit: 'Edit',
  remove: 'Remove…',
  confirmTitle: (name) => `Remove ${name} from the directory?`,
  confirmText:
    'Directives already sent to this agency are not affected; it will no longer be offered as a recipient of new directives.',
  confirmRemove: (name) => `Remove ${name}`,
  cancel: 'Keep it and go back',
  saved: (name) => `Saved the agency ${name}.`,
  removed: (name) => `Removed the agency ${name} from the directory.`,
  imported: (count, file) => `Imported ${n(count)} agencies from ${file}.`,
  importTitle: 'Import the directory from a CSV or Excel (XLSX) file',
  importHint:
    'The first row is the column headers, as in the sample file: Mã đơn vị (id), Tên đơn vị (name), Email (required), Nhóm (groups, separated by ;), Điện thoại, Thủ trưởng, Email thủ trưởng, Điện thoại thủ trưởng, Không nhận SMS, Không nhận Zalo (x or 1); the English names (id, name, email, groups, phone, headName, headEmail, headPhone, noSms, noZalo) work too. CSV separated by commas or semicolons, in UTF-8. Agencies already there (same id) are updated; a file with any bad row imports nothing.',
  importFile: 'CSV or XLSX file',
  importSubmit: 'Import',
  sample: 'Download the sample file (CSV)',
  importFailed: (file) => `${file} was not imported: no agency was saved. Please correct these rows and import again.`,
  line: (line) => `Row ${n(line)}`,
  lineText: 'The row:',
};
