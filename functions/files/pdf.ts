/**
 * Text of a PDF with pdfjs-dist's legacy build (the modern build needs Node 22's newer globals; pdfjs 6 and
 * unpdf need Node 22 outright, and the tests run on Node 20).
 *
 * Bundling: the options NodejsFunction already gets in infra/constructs/handler-function.ts (ESM, target node22,
 * minify, mainFields module/main, the createRequire banner, no externals) are enough; test/unit/files/bundle.test.ts
 * builds with them and runs the bundle from a folder without node_modules. What makes that work, here:
 * - the worker: pdfjs loads it by a relative URL (`./pdf.worker.mjs`) that a bundle does not have; the worker
 *   module is imported below and handed over as `globalThis.pdfjsWorker`, so pdfjs runs it in-process ("fake
 *   worker") and esbuild inlines it;
 * - `@napi-rs/canvas` (optional, native, for rendering only) is required through
 *   `process.getBuiltinModule('module').createRequire`, which esbuild does not follow: absent from the bundle, pdfjs
 *   warns once at load ("Cannot load @napi-rs/canvas", "Cannot polyfill ImageData/Path2D") and extracts text
 *   anyway. Its one DOMMatrix at load comes from dom-matrix.ts;
 * - no standard font or CMap files: text from fonts with a ToUnicode map (Word, LibreOffice, Chromium, the signing
 *   tools) needs none.
 * Cost: functions/files alone bundles to ≈ 2.1 MB minified (pdfjs-dist ≈ 1.46 MB, mammoth and its zip/xml ≈ 0.3 MB)
 * and imports in ≈ 0.4 s cold here; a handler that only sometimes reads a file should `await import()` it or be a
 * function of its own, so the others' cold starts do not pay for it.
 */
// must run before pdfjs loads: see dom-matrix.ts
import './dom-matrix.ts';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import * as worker from 'pdfjs-dist/legacy/build/pdf.worker.mjs';
import { NoTextLayerError, UnsupportedFileError } from './errors.ts';
import { type Block, dropFurniture, paragraphs, type Run, readingOrder } from './layout.ts';

(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;

/** Beyond this a "directive" is a book; reading it would only hold the Lambda. */
const MAX_PAGES = 200;

type TextItem = { str: string; transform: number[]; width: number; height: number; fontName?: string };
const isTextItem = (item: unknown): item is TextItem =>
  typeof item === 'object' && item !== null && 'str' in item && 'transform' in item;

/** Quarter turns (0–3) of a run's baseline from left-to-right, in page space. */
const quarterTurns = (item: TextItem) => {
  const [a = 1, b = 0] = item.transform;
  return (((Math.round(Math.atan2(b, a) / (Math.PI / 2)) % 4) + 4) % 4) as 0 | 1 | 2 | 3;
};

/** A point turned back by `turns` quarter turns, so that text at that angle runs left to right. */
const turnBack = (x: number, y: number, turns: number): [number, number] =>
  turns === 1 ? [y, -x] : turns === 2 ? [-x, -y] : turns === 3 ? [-y, x] : [x, y];

const toRun = (item: TextItem, turns: number): Run => {
  const [a = 0, b = 0, c = 0, d = 0, tx = 0, ty = 0] = item.transform;
  // the type size is the length of the text matrix's vertical vector (rotation-proof)
  const size = Math.hypot(c, d) || Math.hypot(a, b) || item.height || 1;
  const [x, y] = turnBack(tx, ty, turns);
  return { text: item.str, x, y, width: item.width, size, ...(item.fontName ? { font: item.fontName } : {}) };
};

/**
 * A page's runs in the frame where most of its text reads left to right: a landscape table or a page drawn
 * sideways (and shown upright by /Rotate) is read in its own direction; "top" and "bottom" follow it.
 */
const pageRuns = (items: TextItem[], view: number[]) => {
  const votes = [0, 0, 0, 0];
  for (const item of items) votes[quarterTurns(item)] = (votes[quarterTurns(item)] ?? 0) + item.str.length;
  const turns = votes.indexOf(Math.max(...votes));
  const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = view;
  const corners = [turnBack(x0, y0, turns), turnBack(x1, y1, turns)];
  const bottom = Math.min(...corners.map(([, y]) => y));
  const top = Math.max(...corners.map(([, y]) => y));
  const runs = items.map((item) => toRun(item, turns));
  // positions relative to the page box, so "top eighth" means the same on every page
  for (const run of runs) run.y -= bottom;
  return { height: top - bottom, runs };
};

const blockText = (block: Block) => paragraphs(block).join('\n');

/**
 * Pages one after the other; a paragraph that runs on to the next page (its last line has no closing punctuation
 * and the next page starts in lower case) is joined back into one.
 */
const joinPages = (pages: string[]) =>
  pages
    .filter((page) => page.trim() !== '')
    .reduce(
      (text, page) =>
        text === ''
          ? page
          : /[\p{L}\p{N},;]$/u.test(text) && /^\p{Ll}/u.test(page)
            ? `${text} ${page}`
            : `${text}\n\n${page}`,
      '',
    );

export const extractPdf = async (bytes: Uint8Array): Promise<{ text: string; pages: number }> => {
  // pdfjs transfers (detaches) the buffer it is given: hand it a copy so the caller's bytes stay usable
  const data = new Uint8Array(bytes);
  const task = getDocument({ data, isEvalSupported: false, verbosity: 0, stopAtErrors: false });
  try {
    let document: Awaited<typeof task.promise>;
    try {
      document = await task.promise;
    } catch (cause) {
      // pdfjs does not export its PasswordException class; its name is stable
      if (cause instanceof Error && cause.name === 'PasswordException')
        throw new UnsupportedFileError('encrypted', { cause });
      throw new UnsupportedFileError('damaged', { cause });
    }
    const count = document.numPages;
    if (count > MAX_PAGES) throw new UnsupportedFileError('damaged');
    const pages: { height: number; blocks: Block[] }[] = [];
    for (let number = 1; number <= count; number++) {
      try {
        const page = await document.getPage(number);
        const content = await page.getTextContent();
        const { height, runs } = pageRuns(
          content.items.flatMap((item) => (isTextItem(item) ? [item] : [])),
          page.view,
        );
        pages.push({ height, blocks: readingOrder(runs) });
        page.cleanup();
      } catch (cause) {
        throw new UnsupportedFileError('damaged', { cause });
      }
    }
    const text = joinPages(dropFurniture(pages).map((blocks) => blocks.map(blockText).join('\n\n')));
    if (text.replace(/\s/g, '') === '') throw new NoTextLayerError(count);
    return { text, pages: count };
  } finally {
    await task.destroy().catch(() => undefined);
  }
};
