import { ymd } from './dates.ts';
import { type Findings, warn } from './findings.ts';
import type { Header, HeaderFallback } from './header.ts';
import { MESSAGES } from './messages.ts';
import type { Para } from './paragraphs.ts';
import { splitUnits } from './requests.ts';
import { capitalizeFirst, type Line, tol } from './text.ts';

/**
 * A news article reporting a directive (no "Số:", no "Kính gửi", a sentence "… công văn số …" among the first
 * paragraphs). Its lead sentence stands in for the header and "Kính gửi"; every field taken from it is warned about,
 * since an article only paraphrases the letter.
 */

export type Article = HeaderFallback & { addressees: string[] };

const ARTICLE_LEAD = tol(
  '(?:cong van|cong dien|van ban|ke hoach|chi thi|thong bao|quyet dinh)\\s+(?:hoa toc\\s+|khan\\s+)?so\\s+(\\d+\\s*/\\s*[^\\s,;]+)',
);
const ARTICLE_DATE = tol(
  '^(?:(?:sang|chieu|toi|trua|dem)\\s+)?(?:ngay\\s+)?(\\d{1,2})\\s*[-/.]\\s*(\\d{1,2})(?:\\s*[-/.]\\s*(\\d{4}))?\\s*(?:,\\s*|\\s+(?=\\p{Lu}|[a-z_]))',
);
const ARTICLE_VERB = tol(
  '\\s(?:(?:da|vua|moi)\\s+)?(?:co|ban hanh|ky ban hanh|phat hanh|gui)\\s+(?:cong van|cong dien|van ban|ke hoach|chi thi|thong bao|quyet dinh)',
);
const ARTICLE_TO = tol('\\s+gui\\s+');
const TOWARDS = tol('\\s+doi voi\\s+');
/** "Thực hiện Công văn số …", "Căn cứ …": a letter the report cites, not the one it reports. */
const CITED = tol('(?:thuc hien|can cu|theo)\\s+$');
/** "(chỉ đạo) của UBND tỉnh đối với …": the issuer of a lead that names no verb. */
const ISSUER_OF = tol('(?:chi dao|yeu cau|de nghi|van ban)\\s+cua\\s+(.{3,80}?)\\s+doi voi\\s');
/** "… số 4079/UBND-KT ngày 19/6 …": the date right after the number. */
const DATE_AFTER_NUMBER = tol('^\\s*,?\\s*ngay\\s+(\\d{1,2})\\s*[-/.]\\s*(\\d{1,2})(?:\\s*[-/.]\\s*(\\d{4}))?');
const ARTICLE_ABOUT = tol('\\s+ve\\s+viec\\s+');
const TET = tol('tet(?: nguyen dan)?[^.]{0,40}?(?:nam\\s+)?(\\d{4})|xuan\\s+[a-z_ ]{0,20}(\\d{4})');
const PROVINCE = /\s+(tỉnh|thành phố|huyện)\s+(.+)$/u;
const BYLINE = /^\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*){0,4}$/u;

/** "… công văn số 2915 / STTTT-BCVT …" as "2915/STTTT-BCVT". */
const numberOf = (p: Para, lead: RegExpExecArray): string | undefined => {
  if (!lead[1]) return undefined;
  const idx = lead.index + lead[0].length - lead[1].length;
  return p.raw
    .slice(idx, idx + lead[1].length)
    .replace(/\s*\/\s*/g, '/')
    .replace(/[.]+$/, '');
};

/**
 * The issuer is what the lead names before its verb ("Sở TT&TT tỉnh Thanh Hóa đã có công văn …"). The province in
 * it gives the place, and for a body other than the UBND itself, the UBND of that province as the parent.
 */
const issuerFields = (
  p: Para,
  from: number,
  findings: Findings,
): Pick<Article, 'issuer' | 'issuerParent' | 'place'> => {
  const verb = ARTICLE_VERB.exec(p.key.slice(from));
  if (!verb) return {};
  const issuer = p.raw
    .slice(from, from + verb.index)
    .trim()
    .replace(/\s*\([^()]*\)/g, '')
    .trim();
  const province = PROVINCE.exec(issuer);
  if (!province?.[2] || province.index === 0) return issuer === '' ? {} : { issuer: capitalizeFirst(issuer) };
  const name = issuer.slice(0, province.index).trim();
  const place = province[2].trim();
  let fields: Pick<Article, 'issuer' | 'issuerParent' | 'place'>;
  if (/^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)$/u.test(name)) fields = { issuer, place };
  else {
    fields = { issuer: capitalizeFirst(name), issuerParent: `UBND ${province[1] as string} ${place}`, place };
    warn(findings, 'issuerParent', MESSAGES.issuerParentInferred, issuer);
  }
  warn(findings, 'place', MESSAGES.placeInferred, issuer);
  return fields;
};

/**
 * An article dates its lead without a year ("Ngày 30-12, …"): the latest year it mentions, or the year before when
 * the article is about Tết of that year and the date is in the autumn (a letter about Tết is issued before it).
 */
const inferYear = (fullKey: string, years: number[], month: number): { year: number; reason: string } => {
  const max = Math.max(...years);
  const tet = TET.exec(fullKey);
  const tetYear = tet ? Number(tet[1] ?? tet[2]) : undefined;
  if (tetYear === max && month >= 9)
    return { year: max - 1, reason: `công văn về Tết năm ${max} nên ban hành cuối năm ${max - 1}` };
  return { year: max, reason: `năm ${max} được nhắc trong bài` };
};

const issuedOnOf = (p: Para, date: RegExpExecArray, fullKey: string, findings: Findings): string | undefined => {
  const day = Number(date[1]);
  const month = Number(date[2]);
  const written = p.raw.slice(0, date[0].length).replace(/[,\s]+$/, '');
  if (date[3]) {
    const issuedOn = ymd(Number(date[3]), month, day);
    if (!issuedOn) warn(findings, 'issuedOn', MESSAGES.issuedOnInvalid, written);
    return issuedOn;
  }
  const years = [...fullKey.matchAll(/(?<!\d)(?:19|20)\d{2}(?!\d)/g)].map((m) => Number(m[0]));
  if (years.length === 0) {
    warn(findings, 'issuedOn', MESSAGES.issuedOn, written);
    return undefined;
  }
  const { year, reason } = inferYear(fullKey, years, month);
  const issuedOn = ymd(year, month, day);
  if (issuedOn) warn(findings, 'issuedOn', MESSAGES.issuedOnYear(written, year, reason), written);
  else warn(findings, 'issuedOn', MESSAGES.issuedOnInvalid, written);
  return issuedOn;
};

/**
 * "… gửi UBND các huyện …; các doanh nghiệp …; … về việc …": the groups between "gửi" and "về việc"; or "chỉ đạo của
 * UBND tỉnh đối với A, B, C tại Công văn số …": the groups between "đối với" and the letter.
 */
const addresseesOf = (p: Para, lead: RegExpExecArray | null, findings: Findings): string[] => {
  if (!lead) return [];
  const after = ARTICLE_TO.exec(p.key.slice(lead.index));
  const before = after ? null : TOWARDS.exec(p.key.slice(0, lead.index));
  const toStart = after ? lead.index + after.index + after[0].length : before ? before.index + before[0].length : -1;
  if (toStart < 0) return [];
  const about = ARTICLE_ABOUT.exec(p.key);
  const toEnd = before
    ? lead.index - (/(?:tai|theo)\s+$/.exec(p.key.slice(0, lead.index))?.[0].length ?? 0)
    : about && about.index > toStart
      ? about.index
      : p.raw.length;
  const addressees = splitUnits(p.raw.slice(toStart, toEnd)).map((s) => capitalizeFirst(s));
  if (addressees.length) warn(findings, 'addressees', MESSAGES.addresseesFromArticle, p.raw.slice(toStart, toEnd));
  return addressees;
};

/** "… về việc tăng cường …" as "V/v tăng cường …". */
const subjectOf = (p: Para, findings: Findings): string | undefined => {
  const about = ARTICLE_ABOUT.exec(p.key);
  if (!about) return undefined;
  const subject = p.raw
    .slice(about.index + about[0].length)
    .replace(/[.\s]+$/, '')
    .trim();
  if (!subject) return undefined;
  warn(findings, 'subject', MESSAGES.subjectFromArticle);
  return `V/v ${subject}`;
};

/** The first mention of a document that is not a citation ("Thực hiện Công văn số …" cites another). */
const leadIn = (key: string): RegExpExecArray | null => {
  const re = new RegExp(ARTICLE_LEAD.source, 'g');
  for (let m = re.exec(key); m; m = re.exec(key))
    if (!CITED.test(key.slice(Math.max(0, m.index - 20), m.index))) return m;
  return null;
};

const readLead = (p: Para, fullKey: string, findings: Findings): Article => {
  const lead = leadIn(p.key);
  const number = lead ? numberOf(p, lead) : undefined;
  const after = lead ? DATE_AFTER_NUMBER.exec(p.key.slice(lead.index + lead[0].length)) : null;
  const date = ARTICLE_DATE.exec(p.key) ?? after;
  const named = ISSUER_OF.exec(p.key);
  const issuer = named?.[1]
    ? {
        issuer: capitalizeFirst(
          p.raw.slice(
            named.index + named[0].indexOf(named[1]),
            named.index + named[0].indexOf(named[1]) + named[1].length,
          ),
        ),
      }
    : {};
  const article: Article = {
    addressees: [],
    ...issuer,
    ...issuerFields(p, date && date !== after ? date[0].length : 0, findings),
  };
  if (number) article.number = number;
  const issuedOn = date ? issuedOnOf(p, date, fullKey, findings) : undefined;
  if (issuedOn) article.issuedOn = issuedOn;
  article.addressees = addresseesOf(p, lead, findings);
  const subject = subjectOf(p, findings);
  if (subject) article.subject = subject;
  return article;
};

/**
 * When the text is a news article, reads its lead, takes the headline (the first header line, else the paragraph
 * before the lead) and the byline (a short name as the last paragraph) into `meta`, and returns the paragraphs
 * between them. Otherwise returns the paragraphs unchanged.
 */
export const readArticle = (
  header: Header,
  paras: Para[],
  hasAddressees: boolean,
  lines: Line[],
  findings: Findings,
): { article?: Article; paras: Para[] } => {
  if (header.number !== undefined || hasAddressees) return { paras };
  const lead = paras.findIndex((p) => leadIn(p.key) !== null);
  if (lead < 0 || lead > 2) return { paras };
  findings.meta.source = 'article';
  warn(findings, 'text', MESSAGES.article);
  const fullKey = lines.map((l) => l.key).join('\n');
  const article = readLead(paras[lead] as Para, fullKey, findings);
  const headline = header.extras.shift() ?? (lead > 0 ? { text: (paras[0] as Para).raw, at: 0 } : undefined);
  if (headline) findings.meta.headline = headline.text;
  let rest = paras.slice(lead + 1);
  const last = rest[rest.length - 1];
  if (last && BYLINE.test(last.raw) && last.raw.length <= 40 && last.marker.kind === 'none') {
    findings.meta.byline = last.raw;
    rest = rest.slice(0, -1);
  }
  return { article, paras: rest };
};
