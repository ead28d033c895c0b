import { stringify } from 'csv-stringify/sync';
import { AGENCY_COLUMNS, type AgencyField } from '#core/agency-columns.ts';

/**
 * The sample directory an official downloads to fill in: the Vietnamese headers the importer reads and three
 * agencies as a province's office would list them (addresses under example.gov.vn, so that a sample imported as
 * is mails nobody). Comma separated, with a BOM: Excel opens it in UTF-8 whatever the regional settings, and
 * saving it back as "CSV UTF-8" under Vietnamese settings gives semicolons, which the importer reads as well.
 */

const ROWS: Partial<Record<AgencyField, string>>[] = [
  {
    id: 'so-tttt',
    name: 'Sở Thông tin và Truyền thông',
    email: 'vanthu.stttt@gialai.example.gov.vn',
    groups: 'Sở, ban, ngành',
    phone: '0269 3823 456',
    headName: 'Nguyễn Văn An',
    headEmail: 'giamdoc.stttt@gialai.example.gov.vn',
    headPhone: '0905 123 456',
  },
  {
    id: 'cong-an-tinh',
    name: 'Công an tỉnh',
    email: 'vanthu.congan@gialai.example.gov.vn',
    groups: 'Sở, ban, ngành; Lực lượng vũ trang',
    phone: '0269 3824 113',
    headName: 'Trần Minh Đức',
    noSms: 'x',
  },
  {
    id: 'ubnd-pleiku',
    name: 'UBND thành phố Pleiku',
    email: 'vanthu@pleiku.gialai.example.gov.vn',
    groups: 'UBND cấp huyện',
    phone: '0269 3824 567',
    headName: 'Lê Thị Hồng',
    headEmail: 'chutich@pleiku.gialai.example.gov.vn',
    noZalo: 'x',
  },
];

export const DIRECTORY_SAMPLE_NAME = 'danh-ba-mau.csv';

export const directorySampleCsv = () =>
  `\uFEFF${stringify(
    [
      AGENCY_COLUMNS.map(([, header]) => header),
      ...ROWS.map((row) => AGENCY_COLUMNS.map(([field]) => row[field] ?? '')),
    ],
    { record_delimiter: '\r\n' },
  )}`;
