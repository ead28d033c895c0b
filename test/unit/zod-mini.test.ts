import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { assignmentRef } from '#contracts/workflow.ts';
import { fieldProblemsOf } from '#core/problems.ts';

/**
 * Every schema of functions/ is on zod/mini: classic zod is 440 KiB and ~70 ms of cold import in every Lambda
 * that bundles it, zod/mini with the same schemas a tenth of that. One `import 'zod'` anywhere in a function's
 * imports would bring classic back whole, and a schema on a nested namespace (`import { z }`) would bundle all
 * of zod/mini's core and every locale: these tests catch both.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const FUNCTIONS = join(ROOT, 'functions');
/** What functions/ may import of zod: the mini API, and the English messages (contracts/zod-messages.ts). */
const ALLOWED = new Set(['zod/mini', 'zod/locales']);

const sourcesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourcesUnder(path);
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : [];
  });

const zodImportsOf = (source: string) =>
  [...source.matchAll(/(?:from|import)\s*\(?\s*['"](zod(?:\/[^'"]*)?)['"]/g)].map((m) => m[1] ?? '');

const bundle = async (entry: string) => {
  const result = await build({
    entryPoints: [join(FUNCTIONS, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    minify: true,
    write: false,
    outfile: '/tmp/zod-mini-check.mjs',
    mainFields: ['module', 'main'],
    tsconfig: join(ROOT, 'tsconfig.json'),
    metafile: true,
    logLevel: 'error',
  });
  const output = Object.values(result.metafile.outputs)[0];
  const zod = Object.entries(output?.inputs ?? {}).filter(([input]) => input.includes('node_modules/zod/'));
  return {
    classic: zod.filter(([input]) => /node_modules\/zod\/(v3|v4\/classic|v4\/locales\/(?!en\.|index\.))/.test(input)),
    kib: zod.reduce((sum, [, { bytesInOutput }]) => sum + bytesInOutput, 0) / 1024,
  };
};

describe('zod/mini', () => {
  it('is the only zod that functions/ imports', () => {
    const files = sourcesUnder(FUNCTIONS);
    const imports = files.flatMap((file) =>
      zodImportsOf(readFileSync(file, 'utf8')).map((specifier) => ({ file: relative(ROOT, file), specifier })),
    );
    expect(imports.length).toBeGreaterThan(20);
    expect(imports.filter(({ specifier }) => !ALLOWED.has(specifier))).toEqual([]);
    expect(imports.filter(({ specifier }) => specifier === 'zod/locales').map(({ file }) => file)).toEqual([
      'functions/contracts/zod-messages.ts',
    ]);
  });

  it('the check itself sees a classic import', () => {
    expect(zodImportsOf("import { z } from 'zod';\nimport * as m from 'zod/mini';")).toEqual(['zod', 'zod/mini']);
  });

  it('a function bundles no classic zod, no other locale, and little of zod/mini', async () => {
    const { classic, kib } = await bundle('handlers/http/officials-api.ts');
    expect(classic).toEqual([]);
    expect(kib).toBeGreaterThan(5);
    expect(kib).toBeLessThan(45);
  });

  it("keeps zod's English words for a check that says nothing of its own", () => {
    const parsed = assignmentRef.safeParse({ directiveId: 5, recipientId: '' });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(fieldProblemsOf(parsed.error)).toEqual([
      {
        path: 'directiveId',
        code: 'input.unchecked',
        params: { detail: 'Invalid input: expected string, received number' },
      },
      {
        path: 'recipientId',
        code: 'input.unchecked',
        params: { detail: 'Too small: expected string to have >=1 characters' },
      },
    ]);
  });
});
