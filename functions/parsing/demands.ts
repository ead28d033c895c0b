import { deadlinesIn, workingDaysIn } from './dates.ts';
import type { Para } from './paragraphs.ts';
import { tol } from './text.ts';

/** Whether a passage asks for something back: a report, a document, or an answer by a date. */

const REPORT_WORD = tol('(?<![a-z_])bao cao(?![a-z_])', 'g');
const NOT_A_DEMAND = tol('(?:so lieu|che do(?: thong tin)?|noi dung|mau|bieu mau|thong tin|\\(|khai)\\s*$');
const SENDS_BACK = tol(
  '(?<![a-z_])(?:cung cap|gui|nop)(?:\\s[^.;]{0,160}?)?\\s(?:ve|cho|toi|den|len)\\s+(?:so(?!\\s+(?:luong|lieu|dien|may|\\d))|uy ban|ubnd|van phong|phong|ban|trung tam|bo|chi cuc|cuc)(?![a-z_])',
);

/**
 * The item asks for something back: a report ("báo cáo …", also "khi xảy ra … báo cáo": a duty once it applies),
 * or something provided or sent to an agency ("cung cấp … về Sở", "gửi … về Văn phòng"). "Số liệu báo cáo",
 * "chế độ báo cáo", "Báo cáo số 12/BC-…" and "(báo cáo)" are not demands.
 */
export const asksForReport = (key: string): boolean => {
  if (SENDS_BACK.test(key)) return true;
  for (const m of key.matchAll(REPORT_WORD)) {
    const before = key.slice(0, m.index);
    if (NOT_A_DEMAND.test(before)) continue;
    if (/^b[a_]o c[a_]o s[o_]\s+\d/.test(key.slice(m.index))) continue;
    return true;
  }
  return false;
};

const REPORT_DEMAND = tol(
  '(?:bao cao (?:ket qua|tinh hinh|tien do|so lieu|danh sach|cu the|bang van ban)|gui (?:bao cao|ket qua|van ban|danh sach)|bao cao (?:ve|cho|gui) )',
  'g',
);
const CONDITIONAL = tol('(?<![a-z_])(?:neu|truong hop|khi co|khi xay ra|trong qua trinh)(?![a-z_])');

/**
 * A paragraph after the items that asks every unit for something by a date or a report ("Đề nghị các đơn vị báo
 * cáo kết quả … trước ngày 15/7/2023"). A report asked for only if something happens ("Trường hợp … báo cáo") is
 * part of the closing, not a task.
 */
export const isGeneralDemand = (p: Para): boolean => {
  const key = p.key;
  const deadlines = deadlinesIn(key, p.raw, undefined);
  if (deadlines.found.length > 0 || deadlines.problems.length > 0) return true;
  if (workingDaysIn(key) !== undefined) return true;
  for (const m of key.matchAll(REPORT_DEMAND)) {
    const before = key.slice(0, m.index);
    const sentence = before.slice(Math.max(before.lastIndexOf('. '), before.lastIndexOf('; ')) + 1);
    if (!CONDITIONAL.test(sentence)) return true;
  }
  return false;
};
