import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Small modules: no file of the product (functions, infra, workflows, the local runtime, the bench and the tests'
 * shared support) is longer than 400 lines. A file that grows past it is split by idea, not by line count.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const PRODUCT = ['functions', 'infra', 'workflows', 'local', 'bench', 'test/support'];
const MAX_LINES = 400;

const sourcesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'results' ? [] : sourcesUnder(path);
    return /\.(ts|tsx|mjs|js)$/.test(entry.name) ? [path] : [];
  });

describe('source files', () => {
  it(`none of the product's is over ${MAX_LINES} lines`, () => {
    const files = PRODUCT.flatMap((dir) => sourcesUnder(join(ROOT, dir)));
    expect(files.length).toBeGreaterThan(100);
    const long = files
      .map((file) => ({ file: relative(ROOT, file), lines: readFileSync(file, 'utf8').trimEnd().split('\n').length }))
      .filter(({ lines }) => lines > MAX_LINES);
    expect(long).toEqual([]);
  });
});
