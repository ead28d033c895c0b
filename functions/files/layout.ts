/**
 * Reading order from positions: a PDF page is a bag of positioned text runs. An XY-cut splits the page into
 * horizontal bands wherever a vertical gap runs across the whole width, then splits a band into columns wherever
 * a horizontal gap runs down its whole height, recursively; so a công văn's two-column header (the issuer on the
 * left, the national motto on the right) comes out as two blocks rather than interleaved line by line.
 */

/** One text run, in PDF points with y growing upwards: (x, y) is the start of its baseline. */
export type Run = { text: string; x: number; y: number; width: number; size: number; font?: string };

/** A line, with the column it was cut into (the horizontal room it had): where a wrapped line would end. */
export type Line = {
  text: string;
  left: number;
  right: number;
  y: number;
  size: number;
  font?: string;
  column: { left: number; right: number };
};
type Column = Line['column'];
export type Block = Line[];

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

const top = (run: Run) => run.y + run.size * 0.8;
const bottom = (run: Run) => run.y - run.size * 0.25;

/** Bands separated by a vertical gap of more than half a line: the gap between paragraphs, not between lines. */
const bands = (runs: Run[]): Run[][] => {
  const byTop = [...runs].sort((a, b) => top(b) - top(a));
  const out: Run[][] = [];
  let current: Run[] = [];
  let low = Number.POSITIVE_INFINITY;
  for (const run of byTop) {
    if (current.length > 0 && top(run) < low - run.size * 0.5) {
      out.push(current);
      current = [];
      low = Number.POSITIVE_INFINITY;
    }
    current.push(run);
    low = Math.min(low, bottom(run));
  }
  if (current.length > 0) out.push(current);
  return out;
};

/**
 * The widest horizontal gap that runs down the whole band. Over several lines a gap of one type size cannot be
 * word spacing (it would have to line up on every line); on a single line it must be wider than a justified
 * line's stretched spaces, so only a tab-like gap ("Số: 126/…      Gia Lai, ngày …") splits it.
 */
const columnGap = (runs: Run[]): number | undefined => {
  const size = median(runs.map((run) => run.size));
  const oneLine = runs.every((run) => Math.abs(run.y - (runs[0]?.y ?? 0)) < size * 0.5);
  const minimum = oneLine ? Math.max(3 * size, 24) : Math.max(size, 6);
  const spans = runs.map((run) => [run.x, run.x + run.width] as const).sort((a, b) => a[0] - b[0]);
  let end = spans[0]?.[1] ?? 0;
  let best: { at: number; width: number } | undefined;
  for (const [start, stop] of spans.slice(1)) {
    const width = start - end;
    if (width > minimum && (!best || width > best.width)) best = { at: end + width / 2, width };
    end = Math.max(end, stop);
  }
  return best?.at;
};

type Piece = { runs: Run[]; column: Column };

const cut = (runs: Run[], column: Column, depth = 0): Piece[] => {
  // depth bounds pathological pages (thousands of scattered runs)
  if (runs.length <= 1 || depth > 40) return [{ runs, column }];
  const horizontal = bands(runs);
  if (horizontal.length > 1) return horizontal.flatMap((band) => cut(band, column, depth + 1));
  const at = columnGap(runs);
  if (at === undefined) return [{ runs, column }];
  const left = runs.filter((run) => run.x < at);
  const right = runs.filter((run) => run.x >= at);
  return [
    ...cut(left, { left: column.left, right: at }, depth + 1),
    ...cut(right, { left: at, right: column.right }, depth + 1),
  ];
};

/** Runs on one baseline (within half the type size), left to right, spaces put back where the gap says so. */
const lines = ({ runs, column }: Piece): Line[] => {
  const rows: { y: number; runs: Run[] }[] = [];
  for (const run of [...runs].sort((a, b) => b.y - a.y || a.x - b.x)) {
    const row = rows.find((candidate) => Math.abs(candidate.y - run.y) < run.size * 0.5);
    if (row) row.runs.push(run);
    else rows.push({ y: run.y, runs: [run] });
  }
  return rows.map((row) => {
    const sorted = row.runs.sort((a, b) => a.x - b.x);
    let text = '';
    let end = Number.NEGATIVE_INFINITY;
    for (const run of sorted) {
      const gap = run.x - end;
      if (text && gap > run.size * 0.15 && !/\s$/.test(text) && !/^\s/.test(run.text)) text += ' ';
      text += run.text;
      end = Math.max(end, run.x + run.width);
    }
    return {
      text: text.replace(/\s+/g, ' ').trim(),
      left: sorted[0]?.x ?? 0,
      right: end,
      y: row.y,
      size: median(sorted.map((run) => run.size)),
      ...(sorted[0]?.font ? { font: sorted[0].font } : {}),
      column,
    };
  });
};

/** A page's blocks in reading order, each a list of lines top to bottom. */
export const readingOrder = (all: Run[]): Block[] => {
  const runs = all.filter((run) => run.text.trim() !== '' && Number.isFinite(run.x + run.y + run.width + run.size));
  // the page's text area: body lines run from margin to margin
  const page = {
    left: Math.min(...runs.map((run) => run.x)),
    right: Math.max(...runs.map((run) => run.x + run.width)),
  };
  return cut(runs, page)
    .map(lines)
    .filter((block) => block.length > 0);
};

// A line ending in a hyphen glued to a letter ("Covid-" / "19", "in-" / "tơ-nét"): Vietnamese never breaks a
// syllable, so the hyphen is the word's own; the next line continues the word without a space.
const BROKEN_WORD = /\p{L}-$/u;
const LIST_MARKER = /^(?:[-–•+*]\s|\(?\d+(?:\.\d+)*[.)]\s|\(?[a-zđ]\)\s|[IVXLC]+\.\s)/u;

/** Lines sharing one centre, either of different lengths or set in from their column's left edge. */
const isCentred = (block: Block, left: number, right: number) => {
  const first = block[0];
  if (!first || block.length < 2) return false;
  const centre = (left + right) / 2;
  const lefts = block.map((line) => line.left);
  return (
    block.every((line) => Math.abs((line.left + line.right) / 2 - centre) < line.size) &&
    (Math.max(...lefts) - Math.min(...lefts) > first.size || left > first.column.left + first.size * 1.5)
  );
};

/**
 * A centred block (issuer, motto, subject, signature): a line was wrapped only if the next line's first word would
 * not have fitted in its column after it, in the same type; "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC" stay two lines.
 */
const centredLines = (block: Block): string[] => {
  const out: string[] = [];
  let previous: Line | undefined;
  for (const line of block) {
    const last = out.length - 1;
    const charWidth = (line.right - line.left) / Math.max(1, line.text.length);
    const firstWord = (line.text.split(' ')[0]?.length ?? 0) * charWidth;
    const room = line.column.right - line.column.left;
    const wrapped =
      previous !== undefined &&
      previous.font === line.font &&
      Math.abs(previous.size - line.size) < 0.5 &&
      previous.right - previous.left + charWidth + firstWord > room * 0.92 &&
      !LIST_MARKER.test(line.text);
    if (wrapped && last >= 0) out[last] = `${out[last]} ${line.text}`;
    else out.push(line.text);
    previous = line;
  }
  return out;
};

/**
 * Lines of one block joined into paragraphs: a line that runs to the block's right edge was wrapped, so the next
 * line continues it, unless the next one starts a list item or is indented as a new paragraph. Centred lines
 * (headers, the motto) do not reach the edge and stay lines of their own.
 */
export const paragraphs = (block: Block): string[] => {
  const right = Math.max(...block.map((line) => line.right));
  const left = Math.min(...block.map((line) => line.left));
  if (isCentred(block, left, right)) return centredLines(block);
  const out: string[] = [];
  let previous: Line | undefined;
  for (const line of block) {
    const wrapped =
      previous !== undefined &&
      previous.right >= right - previous.size * 2.5 &&
      previous.left <= left + previous.size * 3 &&
      line.left <= left + line.size * 0.6 &&
      Math.abs(line.size - previous.size) < 1 &&
      !LIST_MARKER.test(line.text);
    const last = out.length - 1;
    if (wrapped && last >= 0) {
      const before = out[last] ?? '';
      out[last] = BROKEN_WORD.test(before) ? `${before}${line.text}` : `${before} ${line.text}`;
    } else out.push(line.text);
    previous = line;
  }
  return out;
};

const PAGE_NUMBER = /^(?:trang|page)?\s*[-–]?\s*\d{1,4}\s*(?:\/\s*\d{1,4}|(?:of|trên)\s*\d{1,4})?\s*[-–]?$/iu;

/**
 * Page furniture: a page number, or a line repeated at the same height on several pages (a running header or
 * footer), within the top or bottom eighth of the page.
 */
export const dropFurniture = (pages: { height: number; blocks: Block[] }[]): Block[][] => {
  const margin = (line: Line, height: number) => line.y > height * (7 / 8) || line.y < height / 8;
  const key = (line: Line) => `${Math.round(line.y / 2)}:${line.text.replace(/\d+/g, '#')}`;
  const seen = new Map<string, number>();
  for (const page of pages) {
    const keys = new Set(
      page.blocks
        .flat()
        .filter((line) => margin(line, page.height))
        .map(key),
    );
    for (const k of keys) seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  return pages.map((page) =>
    page.blocks
      .map((block) =>
        block.filter(
          (line) =>
            !(
              margin(line, page.height) &&
              (PAGE_NUMBER.test(line.text) || (pages.length > 1 && (seen.get(key(line)) ?? 0) > 1))
            ),
        ),
      )
      .filter((block) => block.length > 0),
  );
};
