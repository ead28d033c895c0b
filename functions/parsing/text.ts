import { unflattenLayout } from './layout.ts';

/**
 * The text layer of the parser: what a pasted công văn becomes before anything is matched.
 *
 * - `prepare` normalises the text (NFC, line breaks, spaces, bold markers), splits it into lines and removes page
 *   furniture (page numbers, "Trang 1/3", separators, page headers repeated on later pages).
 * - Every line carries `key`: the same text folded to lowercase ASCII, with exactly one character per UTF-16 unit of
 *   `raw`, so that an index found in `key` slices `raw`. Broken diacritics (`?`, `�` in place of a Vietnamese letter)
 *   become `_` in the key.
 * - `tol` compiles a keyword pattern written in folded ASCII into a regex that also accepts `_` wherever a letter
 *   that can carry a diacritic (a e i o u y d) stands: "kinh gui" then matches "K�nh g?i".
 */

export type Line = {
  /** The line as written (normalised, trimmed, inner runs of spaces collapsed). */
  raw: string;
  /** `raw` folded: lowercase ASCII, one character per UTF-16 unit of `raw`. */
  key: string;
  /** Whether one or more blank lines came before it. */
  gap: boolean;
};

const BROKEN = '_';

/** Folding of one UTF-16 unit; built lazily for the Latin ranges, where Vietnamese letters live. */
const foldCache = new Map<number, string>();

const foldUnit = (code: number): string => {
  if (code < 0x80) {
    if (code >= 0x41 && code <= 0x5a) return String.fromCharCode(code + 32);
    if (code === 0x3f) return BROKEN; // '?'
    if (code === 0x5f) return '\u0003'; // a real '_' must not look like a broken letter
    return String.fromCharCode(code);
  }
  if (code === 0xfffd) return BROKEN;
  const cached = foldCache.get(code);
  if (cached !== undefined) return cached;
  const ch = String.fromCharCode(code);
  let folded = ch;
  if (code === 0x0110 || code === 0x0111) folded = 'd';
  else if ((code >= 0x00c0 && code <= 0x024f) || (code >= 0x1e00 && code <= 0x1eff)) {
    const base = ch
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase();
    folded = base.length === 1 ? base : ch;
  } else {
    const lower = ch.toLowerCase();
    folded = lower.length === 1 ? lower : ch;
  }
  foldCache.set(code, folded);
  return folded;
};

/** Lowercase ASCII folding with one output character per input UTF-16 unit. */
export const fold = (s: string): string => {
  let out = '';
  for (let i = 0; i < s.length; i++) out += foldUnit(s.charCodeAt(i));
  return out;
};

/** Folding for comparisons of names (no length guarantee needed): folded, `_` kept, punctuation to spaces. */
export const foldWords = (s: string): string =>
  fold(s)
    .replace(/[^a-z0-9_&]+/g, ' ')
    .trim();

const TOLERANT = 'aeiouyd';

/**
 * Compiles a pattern written in folded lowercase ASCII so that each literal a/e/i/o/u/y/d also accepts `_` (a
 * letter whose diacritic was lost). Escapes are kept; a non-negated class gains `_`. No named groups.
 */
export const tol = (source: string, flags = ''): RegExp => {
  let out = '';
  let inClass = false;
  let negated = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i] as string;
    if (c === '\\') {
      out += c + (source[i + 1] ?? '');
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') {
        out += negated ? ']' : `${BROKEN}]`;
        inClass = false;
      } else out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      negated = source[i + 1] === '^';
      out += c;
      continue;
    }
    out += TOLERANT.includes(c) ? `[${c}${BROKEN}]` : c;
  }
  return new RegExp(out, flags);
};

/** Two folded words are equal, a `_` in `key` standing for any letter that can carry a diacritic. */
export const tolerantEquals = (key: string, word: string): boolean => {
  if (key.length !== word.length) return false;
  for (let i = 0; i < key.length; i++) {
    const k = key[i];
    const w = word[i] as string;
    if (k === w) continue;
    if (k === BROKEN && TOLERANT.includes(w)) continue;
    return false;
  }
  return true;
};

const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;

/** Letters are all uppercase (at least two letters; broken `?` letters are neutral). */
export const isAllCaps = (s: string): boolean => {
  let upper = 0;
  for (const ch of s) {
    if (LOWER.test(ch)) return false;
    if (UPPER.test(ch)) upper++;
  }
  return upper >= 2;
};

export const startsLower = (s: string): boolean => {
  const first = s.match(/\p{L}/u)?.[0];
  return first !== undefined && s.indexOf(first) === 0 && LOWER.test(first);
};

export const capitalizeFirst = (s: string): string => {
  const m = s.match(/\p{L}/u);
  if (!m || m.index === undefined) return s;
  return s.slice(0, m.index) + s.charAt(m.index).toUpperCase() + s.slice(m.index + 1);
};

/** Trailing `;`, `,`, `.` (but not `./.`-style closing marks kept elsewhere) and spaces. */
export const trimEndPunct = (s: string): string => s.replace(/[\s;,.:]+$/u, '').trim();

export const BULLET = /^[-–—+•*·]\s*/u;

export const stripBullet = (s: string): string => s.replace(BULLET, '');

// ---------------------------------------------------------------------------------------------------------------
// Normalisation and page furniture

const MOTTO_REPUBLIC = tol('cong\\s*ho\\S?\\s*xa\\s*hoi\\s*chu\\s*nghia\\s*viet\\s*nam');
const MOTTO_INDEPENDENCE = tol('doc\\s*lap\\s*[-–—]?\\s*tu\\s*do\\s*[-–—]?\\s*hanh\\s*phuc');
const PAGE_TRANG = tol('^(?:-\\s*)?(?:trang|page)\\s*\\d{1,3}(?:\\s*(?:/|tren|of|\\|)\\s*\\d{1,3})?(?:\\s*-)?$');
const PAGE_NUMBER = /^[-–—\s]*\d{1,3}[-–—\s]*$|^\d{1,3}\s*\/\s*\d{1,3}$/;
const HEADER_END = tol('^(?:kinh gui|v/v|ve viec|can cu)');
const SEPARATOR = /^[-–—_=*~.·•\s]{3,}$/;

export type Prepared = {
  lines: Line[];
  /** The text had letters replaced by `?` or `�`. */
  broken: boolean;
  /** Blank lines separate paragraphs (so a line break without one is a soft wrap). */
  blankSeparated: boolean;
};

const removeSpan = (line: Line, start: number, end: number): Line => {
  const raw = `${line.raw.slice(0, start)} ${line.raw.slice(end)}`.replace(/\s+/g, ' ').trim();
  return { ...line, raw, key: fold(raw) };
};

const withoutMottos = (line: Line): Line | undefined => {
  let current = line;
  for (const re of [MOTTO_REPUBLIC, MOTTO_INDEPENDENCE]) {
    const m = re.exec(current.key);
    if (m) current = removeSpan(current, m.index, m.index + m[0].length);
  }
  return current.raw.replace(/[-–—\s]/g, '') === '' ? undefined : current;
};

export const isFurniture = (key: string): boolean =>
  PAGE_TRANG.test(key) || PAGE_NUMBER.test(key) || SEPARATOR.test(key);

/**
 * Normalises a pasted text into lines. Never throws; any string (or non-string, read as empty) is accepted.
 */
export const prepare = (input: unknown): Prepared => {
  let text = typeof input === 'string' ? input : '';
  text = text
    .normalize('NFC')
    .replace(/[\u0300-\u036f]/g, '') // combining marks that NFC could not compose are noise
    .replace(/\r\n?|[\u2028\u2029\f\v\u0085]/g, '\n')
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '')
    .replace(/[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
    .replace(/\*\*+/g, '');
  text = unflattenLayout(text);

  const marks = text.match(/\p{L}[?\ufffd]|[?\ufffd]\p{L}/gu)?.length ?? 0;
  const broken = text.includes('\ufffd') || marks >= 3;

  const lines: Line[] = [];
  let gap = false;
  let blanks = 0;
  for (const rawLine of text.split('\n')) {
    const raw = rawLine.replace(/\s+/g, ' ').trim();
    if (raw === '') {
      if (lines.length > 0) {
        gap = true;
        blanks++;
      }
      continue;
    }
    const line = withoutMottos({ raw, key: fold(raw), gap });
    gap = false;
    if (!line) continue;
    lines.push(line);
  }
  const kept = removeFurniture(lines);
  return { lines: kept, broken, blankSeparated: lines.length > 1 && blanks / lines.length >= 0.25 };
};

/**
 * Drops page numbers, "Trang x/y", separator rules, and running headers: a short line met again later that is
 * equal to a line of the header block (the lines before "Kính gửi", "V/v" or the first paragraph), or a short line
 * repeated next to page numbers.
 */
const removeFurniture = (lines: Line[]): Line[] => {
  const pageBreak = lines.map((l) => isFurniture(l.key) && !SEPARATOR.test(l.key));
  const out: Line[] = [];
  const headerKeys = new Set<string>();
  let inHeader = true;
  const counts = new Map<string, number>();
  for (const l of lines) counts.set(l.key, (counts.get(l.key) ?? 0) + 1);
  lines.forEach((line, i) => {
    if (isFurniture(line.key)) return;
    if (inHeader && (HEADER_END.test(line.key) || line.raw.length > 160)) inHeader = false;
    const short = line.raw.length <= 120;
    if (!inHeader && short && headerKeys.has(line.key)) return;
    const nearPageBreak = pageBreak[i - 1] === true || pageBreak[i + 1] === true || pageBreak[i - 2] === true;
    if (!inHeader && short && nearPageBreak && (counts.get(line.key) ?? 0) > 1 && !BULLET.test(line.raw)) return;
    if (inHeader && short) headerKeys.add(line.key);
    out.push(line);
  });
  return out;
};
