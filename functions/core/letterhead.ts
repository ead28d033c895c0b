/**
 * The letterhead of a letter (Decree 30/2020, Appendix I: "tên cơ quan, tổ chức chủ quản" above "tên cơ quan, tổ
 * chức ban hành văn bản"): "UBND TỈNH GIA LAI" above "SỞ THÔNG TIN VÀ TRUYỀN THÔNG". The parent body is the
 * directive's `issuerParent` when the official (or the parser, from the letter's header) gave one. Without it, a
 * department (Sở) belongs to the People's Committee of its province when its own name says which ("Sở Y tế tỉnh
 * Gia Lai"); any other issuer stands alone, since its parent cannot be guessed: a provincial police answers to the
 * ministry, not the province, and the letter's place may be a city ("Pleiku, ngày …"), not the province.
 */

export type Letterhead = {
  /** The parent body as written ("UBND tỉnh Gia Lai"); letters print it in capitals. */
  parent?: string;
  /** The issuing body; without its province when the parent line already names it. */
  issuer: string;
};

/** The centrally-run cities: their People's Committee is "UBND THÀNH PHỐ …", every other province's "UBND TỈNH …". */
const CITIES = ['Hà Nội', 'Hồ Chí Minh', 'Hải Phòng', 'Đà Nẵng', 'Cần Thơ', 'Huế'];

const provinceBody = (name: string) => {
  const bare = name
    .trim()
    .replace(/^(?:tỉnh|thành phố|tp\.?)\s+/iu, '')
    .trim();
  if (!bare) return undefined;
  return `UBND ${CITIES.includes(bare) ? 'thành phố' : 'tỉnh'} ${bare}`;
};

/** "Sở … tỉnh Gia Lai" / "Sở … thành phố Hà Nội" / "Sở … TP. Hồ Chí Minh": the department and its province. */
const DEPARTMENT_OF_PROVINCE = /^(Sở\s.+?)\s+(?:của\s+)?((?:tỉnh|thành phố|TP\.?)\s+\S.*)$/u;

export const letterheadOf = (d: { issuer: string; issuerParent?: string | undefined }): Letterhead => {
  const issuer = d.issuer.trim();
  const parent = d.issuerParent?.trim();
  if (parent) return { parent, issuer };
  const named = DEPARTMENT_OF_PROVINCE.exec(issuer);
  const province = named?.[2] ? provinceBody(named[2]) : undefined;
  return province && named?.[1] ? { parent: province, issuer: named[1] } : { issuer };
};

/** The letterhead's lines in capitals, as letters and emails print them: the parent first. */
export const letterheadLines = (l: Letterhead) =>
  [l.parent, l.issuer].filter((s): s is string => Boolean(s)).map((s) => s.toLocaleUpperCase('vi'));
