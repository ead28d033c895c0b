import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cachedTemplate, TEMPLATE_SOURCES, templateKey } from '../../local/template-cache.ts';

/**
 * `npm start` reuses the template it synthesized while its sources are unchanged: an edit to infra/, workflows/,
 * the contracts, cdk.json or the locked packages synthesizes again; an edit to a handler does not.
 */

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

const project = () => {
  const root = mkdtempSync(join(tmpdir(), 'chidao-template-cache-'));
  roots.push(root);
  const write = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write('infra/app.ts', 'export const app = 1;');
  write('workflows/assignment.ts', 'export const asl = {};');
  write('functions/contracts/table.ts', "export const TABLE = 'Directives';");
  write('functions/handlers/http/inbox.tsx', 'export const handler = 1;');
  write('cdk.json', '{"context":{}}');
  write('package-lock.json', '{"packages":{"node_modules/aws-cdk-lib":{"version":"2.200.0"}}}');
  let syntheses = 0;
  const start = () =>
    cachedTemplate({
      root,
      cacheDir: join(root, 'node_modules', '.cache', 'chidao'),
      synthesize: async () => ({ Resources: { n: ++syntheses } }),
    });
  return { root, write, start, syntheses: () => syntheses };
};

describe('the template cache', () => {
  it('synthesizes once, then reads the same template while the sources are unchanged', async () => {
    const p = project();
    const first = await p.start();
    const second = await p.start();
    expect([first.source, second.source]).toEqual(['synthesized', 'cache']);
    expect(second.template).toEqual(first.template);
    expect(p.syntheses()).toBe(1);
  });

  for (const source of [
    'infra/app.ts',
    'workflows/assignment.ts',
    'functions/contracts/table.ts',
    'cdk.json',
    'package-lock.json',
  ])
    it(`synthesizes again after ${source} changes, and keeps one template`, async () => {
      const p = project();
      await p.start();
      p.write(source, '// changed');
      const again = await p.start();
      expect(again.source).toBe('synthesized');
      expect(again.template).toEqual({ Resources: { n: 2 } });
      expect(readdirSync(join(p.root, 'node_modules', '.cache', 'chidao'))).toEqual([`template-${again.key}.json`]);
    });

  it('a new file among the sources changes the key; a handler does not', () => {
    const p = project();
    const before = templateKey(p.root).key;
    p.write('functions/handlers/http/inbox.tsx', 'export const handler = 2;');
    expect(templateKey(p.root).key).toBe(before);
    p.write('infra/constructs/queue.ts', 'export const q = 1;');
    expect(templateKey(p.root).key).not.toBe(before);
  });

  it('a damaged cache file is synthesized again and replaced', async () => {
    const p = project();
    const first = await p.start();
    writeFileSync(first.file, '{"Resources":');
    const again = await p.start();
    expect(again.source).toBe('synthesized');
    expect((await p.start()).source).toBe('cache');
  });

  it("the project's own sources are all there to hash", () => {
    const root = join(import.meta.dirname, '..', '..');
    const { files } = templateKey(root, TEMPLATE_SOURCES);
    expect(files).toBeGreaterThan(10);
  });
});
