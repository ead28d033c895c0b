/**
 * Layouts that copying flattens, undone before the text is split into lines (text.ts):
 *
 * - a header copied out of a two-column table: cells closed by "|" (on a line of its own or at the end of a line),
 *   each cell's words broken over several lines ("Vĩnh Long, ngày" / "30 tháng 3 năm 2015"): each cell becomes one
 *   line; further down, a table row ("- Như Điều 3; | TM. ỦY BAN NHÂN DÂN |") becomes one line per cell;
 * - the national motto broken over lines of that table ("CỘNG HÒA XÃ HỘI" / "CHỦ NGHĨA VIỆT NAM");
 * - a whole page run into one line by a PDF viewer: the header fields and the numbered items each get a line back;
 * - web-page furniture: site names, "loading" notices, download prompts, tag and comment headings, timestamps;
 * - a "Kính gửi" line (or its last bullet) that runs into the first sentence of the body;
 * - "Ủ" lost at the start of "ỦY BAN NHÂN DÂN" by a PDF's font ("Y BAN NHÂN DÂN").
 *
 * It works on plain lines with its own folding, so that text.ts can call it without an import cycle.
 */

const plain = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();

const MOTTO = 'conghoaxahoichunghiavietnamdoclaptudohanhphuc';
/** A line that is a piece of the motto ("CỘNG HÒA XÃ HỘI", "CHỦ NGHĨA VIỆT NAM"), dashes and spaces aside. */
const isMottoPiece = (line: string) => {
  const squeezed = plain(line).replace(/[^a-z]/g, '');
  return squeezed.length >= 8 && MOTTO.includes(squeezed);
};

const WEB_FURNITURE = new RegExp(
  [
    '^he thong phap luat$',
    '^dang tai noi dung',
    '^tai ban day du',
    '^ban dang xem ban rut gon',
    '^xem mau$',
    '^in bai viet$',
    '^tags?:?$',
    '^top$',
    '^xem them\\b',
    '^y kien ban doc$',
    '^leftcenterrightdel$',
    '^(?:chia se|print|email|share)\\b.{0,60}$',
    '^\\(?\\d{1,2}/\\d{1,2}/\\d{4}\\)?$',
    '^xem chi tiet .{0,60}tai day\\.?$',
  ].join('|'),
);
/** A timestamp a page put before the lead ("date 2021-09 Đêm 22/9, …"). */
const TIMESTAMP_PREFIX = /^\s*date \d{4}-\d{2}(?:-\d{2})?(?:[ T][\d:]+)?\s+/iu;

const isWebFurniture = (line: string) => WEB_FURNITURE.test(plain(line).trim());

const LONE_PIPE = /^\s*\|\s*$/;
const SEPARATOR = /^[-–—_=*~.\s]{3,}$/u;

/** Joins the cells of a table header: lines up to each "|" make one line. Returns the lines and where it stopped. */
const joinHeaderCells = (lines: string[]): string[] => {
  const window = Math.min(lines.length, 40);
  let last = -1;
  let pipes = 0;
  // cells closed by a "|" on a line of its own; a row that holds its cells on one line is split by splitRow
  for (let i = 0; i < window; i++) {
    if (LONE_PIPE.test(lines[i] as string)) {
      last = i;
      pipes++;
    }
  }
  if (pipes < 2) return lines;
  const out: string[] = [];
  let cell: string[] = [];
  const close = () => {
    const words = cell.filter((c) => c !== '' && !SEPARATOR.test(c));
    if (words.length) out.push(words.join(' '));
    cell = [];
  };
  for (let i = 0; i <= last; i++) {
    const parts = (lines[i] as string).split('|');
    parts.forEach((part, k) => {
      cell.push(part.trim());
      if (k < parts.length - 1) close();
    });
  }
  close();
  return [...out, ...lines.slice(last + 1)];
};

/** A table row further down ("- Như Điều 3; | TM. ỦY BAN NHÂN DÂN |"): one line per cell. */
const splitRow = (line: string): string[] =>
  line.includes('|') && /\S\s*\|/.test(line)
    ? line
        .split('|')
        .map((c) => c.trim())
        .filter((c) => c !== '')
    : [line];

const RUN_ON_MARKS = [
  /\s+(?=(?:UBND|ỦY BAN|UỶ BAN|SỞ|BỘ)\s+\p{Lu}[\s\S]{0,80}?CỘNG HÒA)/u,
  /\s+(?=CỘNG H[OÒ]A X[AÃ] HỘI)/u,
  /\s+(?=Độc lập\s*[-–]?\s*Tự do)/u,
  /(?<=Hạnh phúc)\s+/u,
  /\s+(?=Số\s*:)/u,
  /\s+(?=\p{Lu}[\p{L} -]{1,40}, ngày\s+\d)/u,
  /\s+(?=V\/v\s)/u,
  /\s+(?=Kính gửi\s*:)/u,
  /(?<=[.;:])\s+(?=(?:[IVX]{1,4}|\d{1,2}(?:\.\d{1,2})?)\.\s+\p{Lu})/u,
  /(?<=[.;:])\s+(?=[a-zđ]\)\s)/u,
  /(?<=[;:])\s+(?=-\s)/u,
];

/** A page that a viewer ran into one line: the header fields and items back on lines of their own. */
const splitRunOn = (line: string): string[] => {
  if (line.length < 300 || !/kinh gui|\bso\s*:|v\/v/.test(plain(line).slice(0, 600))) return [line];
  let text = line.replace(/^\s*\d{1,3}\.\s+(?=\p{Lu}{2,})/u, '');
  for (const mark of RUN_ON_MARKS) text = text.replace(new RegExp(mark.source, 'gu'), '\n');
  return text.split('\n');
};

const LOST_U = /^Y BAN NHÂN DÂN\b/u;
const KINH_GUI = /^\s*kinh gui\b/;
const ADDRESSEE_BULLET = /^\s*[-–+•]\s/u;
/** The sentence a "Kính gửi" line ran into: after its last name's full stop, a capital starts the body. */
const RUN_INTO = /\.\s+(?=\p{Lu}\p{Ll}*\s+\p{Ll})/u;

/** "Kính gửi: Sở Y tế. Thực hiện Công văn …" (or its last bullet) back on two lines. */
const splitAddresseeRunOn = (lines: string[]): string[] => {
  const out: string[] = [];
  let inBlock = false;
  for (const line of lines) {
    const opens = KINH_GUI.test(plain(line));
    inBlock = opens || (inBlock && (ADDRESSEE_BULLET.test(line) || line.trim() === ''));
    const cut = inBlock ? RUN_INTO.exec(line) : null;
    if (cut && line.length - cut.index > 20) {
      out.push(line.slice(0, cut.index + 1), line.slice(cut.index + cut[0].length));
      inBlock = false;
    } else out.push(line);
  }
  return out;
};

export const unflattenLayout = (text: string): string => {
  const lines = text.split('\n').flatMap(splitRunOn);
  const kept: string[] = [];
  for (const [i, raw] of lines.entries()) {
    const line = raw.replace(TIMESTAMP_PREFIX, '').replace(LOST_U, 'ỦY BAN NHÂN DÂN');
    if (isWebFurniture(line)) continue;
    if (i < 40 && line.trim() !== '' && isMottoPiece(line)) continue;
    kept.push(line);
  }
  return splitAddresseeRunOn(joinHeaderCells(kept).flatMap(splitRow)).join('\n');
};
