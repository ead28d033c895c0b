import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, expect, it } from 'vitest';

/**
 * pdfjs-dist in a Lambda bundle: built with the options NodejsFunction gets in infra/constructs/handler-function.ts
 * (ESM, node22, minified, mainFields module/main, the createRequire banner, nothing external) and run by node
 * from a folder with no node_modules, as on Lambda, where the optional @napi-rs/canvas is absent.
 */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = (name: string) => join(ROOT, 'test', 'fixtures', 'files', name);
const work = mkdtempSync(join(tmpdir(), 'chidao-files-bundle-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

it('a bundle of functions/files extracts a PDF and a DOCX and tells a scan', async () => {
  const entry = join(work, 'entry.ts');
  writeFileSync(
    entry,
    `import { readFileSync } from 'node:fs';
import { extractText, NoTextLayerError } from ${JSON.stringify(join(ROOT, 'functions', 'files', 'index.ts'))};
const read = (path) => extractText({ bytes: new Uint8Array(readFileSync(path)), name: path });
const pdf = await read(${JSON.stringify(fixture('two-page.pdf'))});
const docx = await read(${JSON.stringify(fixture('gia-lai-126.docx'))});
const scan = await read(${JSON.stringify(fixture('scan.pdf'))}).then(() => 'read', (error) => error instanceof NoTextLayerError ? 'NoTextLayerError' : String(error));
console.log(JSON.stringify({ pdf: { pages: pdf.pages, start: pdf.text.slice(0, 40) }, docx: docx.text.slice(0, 17), scan }));
`,
  );
  const outfile = join(work, 'out', 'index.mjs');
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    minify: true,
    mainFields: ['module', 'main'],
    tsconfig: join(ROOT, 'tsconfig.json'),
    banner: { js: "import{createRequire}from'module';const require=createRequire(import.meta.url);" },
    absWorkingDir: ROOT,
    logLevel: 'silent',
  });
  let output: string;
  try {
    output = execFileSync(process.execPath, [outfile], {
      cwd: join(work, 'out'),
      encoding: 'utf8',
      // pdfjs warns on stderr that it cannot load @napi-rs/canvas: expected, it only draws with it
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    // the stack of a minified bundle quotes whole lines of it: keep the end, where the error is named
    throw new Error(`The bundle failed: …${String((error as { stderr?: string }).stderr).slice(-800)}`);
  }
  expect(JSON.parse(output.trim().split('\n').at(-1) ?? '')).toEqual({
    pdf: { pages: 2, start: 'Tăng cường các biện pháp đảm bảo thông t' },
    docx: 'UBND TỈNH GIA LAI',
    scan: 'NoTextLayerError',
  });
});
