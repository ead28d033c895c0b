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

const toRun = (item: TextItem): Run => {
  const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = item.transform;
  // the type size is the length of the text matrix's vertical vector (rotation-proof)
  const size = Math.hypot(c, d) || Math.hypot(a, b) || item.height || 1;
  return { text: item.str, x, y, width: item.width, size, ...(item.fontName ? { font: item.fontName } : {}) };
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
        const [, bottom = 0, , top = 0] = page.view;
        const content = await page.getTextContent();
        const runs = content.items.flatMap((item) => (isTextItem(item) ? [toRun(item)] : []));
        // positions relative to the page box, so "top eighth" means the same on every page
        for (const run of runs) run.y -= bottom;
        pages.push({ height: top - bottom, blocks: readingOrder(runs) });
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
