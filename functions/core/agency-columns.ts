/**
 * The columns of a directory kept in a spreadsheet: each field of an agency with the Vietnamese header the sample
 * file carries (and the importer reads, as it reads the field's own name). Written once for the importer
 * (files/agency-table.ts) and the sample (documents/directory-sample.ts).
 */

export type AgencyField =
  | 'id'
  | 'name'
  | 'email'
  | 'groups'
  | 'headName'
  | 'headEmail'
  | 'phone'
  | 'noSms'
  | 'noZalo'
  | 'headPhone';

export const AGENCY_COLUMNS: [AgencyField, string][] = [
  ['id', 'Mã đơn vị'],
  ['name', 'Tên đơn vị'],
  ['email', 'Email'],
  ['groups', 'Nhóm'],
  ['phone', 'Điện thoại'],
  ['headName', 'Thủ trưởng'],
  ['headEmail', 'Email thủ trưởng'],
  ['headPhone', 'Điện thoại thủ trưởng'],
  ['noSms', 'Không nhận SMS'],
  ['noZalo', 'Không nhận Zalo'],
];
