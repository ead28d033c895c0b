import { type AssignedTask, isRequest } from './assignees.ts';
import { isGeneralDemand } from './demands.ts';
import type { Findings } from './findings.ts';
import type { Para } from './paragraphs.ts';
import { nameKey } from './recipients.ts';
import { requestedIn } from './requests.ts';
import { type Assigning, requestTask } from './tasks.ts';
import { tol } from './text.ts';

/**
 * The paragraphs after the items: closing formulas ("… đề nghị các đơn vị … thực hiện./.", "Nhận được Công văn này
 * …", "Trong quá trình thực hiện, nếu có vướng mắc …") and the issuer's own sentences go to `meta.closing`; a
 * general demand among them ("Đề nghị các đơn vị báo cáo kết quả … trước ngày …") is a task for every recipient.
 */

const TAIL = tol(
  '^(?:(?:[^.,;:]{0,90}?\\s)?(?:cung\\s+)?(?:kinh\\s+)?(?:de nghi|yeu cau|tran trong de nghi|rat mong)\\s+(?:thu truong|lanh dao|giam doc|chu tich)?\\s*(?:cac|toan the|nhung)\\s+(?:co quan,?\\s+)?(?:don vi|dia phuong|co quan|so,|phong,|nganh)|(?:trong|qua) trinh (?:trien khai|thuc hien)|nhan duoc (?:cong van|van ban)|tren day la|moi (?:thong tin|vuong mac|chi tiet|kho khan))',
);
const CLOSING_MARK = /\.?\/\.\s*$/;

export const isClosingFormula = (p: Para): boolean => TAIL.test(p.key) || CLOSING_MARK.test(p.raw);

/**
 * Whether a paragraph closes the items: a closing formula, or a sentence of the issuer's own ("Sở Công Thương sẽ
 * phối hợp …", "Sở TT&TT cũng yêu cầu …"); never a numbered item or a heading (a line ending with ":").
 */
export const tailTest = (issuer: string | undefined): ((p: Para) => boolean) => {
  const issuerKey = issuer ? nameKey(issuer) : '';
  const byIssuer = (p: Para) => issuerKey !== '' && `${nameKey(p.raw)} `.startsWith(`${issuerKey} `);
  return (p) =>
    p.marker.kind !== 'num' && p.marker.kind !== 'roman' && !/:$/.test(p.raw) && (isClosingFormula(p) || byIssuer(p));
};

/** A request that names who must act ("giao 833 nhiệm vụ" in a report names no one). */
const asks = (p: Para) => (isRequest(p.key) && requestedIn(p.raw) !== undefined) || DEMAND_COLON.test(p.key);
/** "Chủ tịch UBND tỉnh yêu cầu: …": the demand follows the colon, addressed to the letter's recipients. */
const DEMAND_COLON = tol('(?:yeu cau|de nghi)\\s*:');
const REPORT_BACK = tol('(?:yeu cau|de nghi)\\s[^.;:]{0,80}?\\sbao cao ket qua(?: thuc hien)?\\s+(?:ve|cho|gui)');
/** A paragraph of its own that gives the request above its deadline ("Các đơn vị thực hiện trước ngày …"). */
const OWN_DEADLINE = tol('(?:truoc|cham nhat|han chot|thoi han)[^.]{0,40}ngay\\s+\\d');

/** What the sorting of the paragraphs left for this step (see content.ts). */
type AfterItems = { body: Para[]; tails: Para[]; numbered: boolean; announced: boolean };

/**
 * Settles the tails: general demands become tasks, the rest closing. A letter without items is one request: its
 * request paragraphs (in the body, else among the tails) are its tasks, and they stay in its body. Returns the
 * body with the paragraphs it keeps.
 */
export const settleTails = (content: AfterItems, tasks: AssignedTask[], who: Assigning, findings: Findings): Para[] => {
  const body = [...content.body];
  const singleRequest = !content.numbered && !content.announced;
  for (const tail of content.tails) {
    if (isGeneralDemand(tail)) {
      tasks.push(requestTask(tail, tasks, who));
      if (singleRequest) body.push(tail);
    } else findings.meta.closing.push(tail.raw);
  }
  if (tasks.length > 0) return body;
  // announced items that all read as closing ("Giao Giám đốc: Sở A, Sở B … phối hợp …/.") are still the request
  if (!singleRequest) return closingRequests(content.tails, body, tasks, who, findings);
  let last: AssignedTask | undefined;
  for (const p of body) {
    // "… cũng yêu cầu các doanh nghiệp báo cáo kết quả thực hiện về Sở trước ngày …" reports on the request above
    if (last && (REPORT_BACK.test(p.key) || (!asks(p) && OWN_DEADLINE.test(p.key))))
      last.text = `${last.text}\n${p.raw}`;
    else if (asks(p)) {
      last = requestTask(p, tasks, who);
      tasks.push(last);
    }
  }
  if (tasks.length > 0) return body;
  return closingRequests(content.tails, body, tasks, who, findings);
};

/** The requests among the closing paragraphs of a letter that has no other task: tasks, and kept in its body. */
const closingRequests = (tails: Para[], body: Para[], tasks: AssignedTask[], who: Assigning, findings: Findings) => {
  for (const tail of tails)
    if (asks(tail)) {
      tasks.push(requestTask(tail, tasks, who));
      body.push(tail);
      findings.meta.closing = findings.meta.closing.filter((c) => c !== tail.raw);
    }
  return body;
};
