import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { type BuildOptions, build, type Metafile } from 'esbuild';
import { median, ROOT, round, say } from '../lib/measure.ts';
import type { AppFacts } from './app.ts';

/**
 * Each Lambda's production bundle, built with the options of infra/constructs/handler-function.ts (NodejsFunction
 * with `format: ESM, target: node22, minify, sourceMap, externalModules: [], mainFields: [module, main], tsconfig,
 * banner`; JSX comes from tsconfig: automatic, preact), beside its floor: a bundle built the same way that
 * imports only the @aws-sdk clients the function's bundle contains, creates one of each (as every handler does
 * at module scope) and does nothing else. Cold import = the median of fresh `node` processes that each time
 * `await import(bundle)` with performance.now(); the function and its baseline are measured in alternation.
 */

const run = promisify(execFile);
const BANNER = "import{createRequire}from'module';const require=createRequire(import.meta.url);";
const SDK_PACKAGES = /^(@aws-sdk|@smithy|@aws-crypto|@aws)\//;

const production = (outfile: string): BuildOptions => ({
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  minify: true,
  sourcemap: true,
  outfile,
  mainFields: ['module', 'main'],
  tsconfig: join(ROOT, 'tsconfig.json'),
  banner: { js: BANNER },
  metafile: true,
  logLevel: 'error',
});

/** `node_modules/@scope/name/…` → `@scope/name`; the project's own files by folder (`functions/shared`). */
const packageOf = (input: string) => {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (m?.[1]) return m[1];
  return input.split('/').slice(0, 2).join('/');
};

const contributors = (meta: Metafile, outfile: string) => {
  const out = Object.entries(meta.outputs).find(([k]) => outfile.endsWith(k) || k.endsWith('index.mjs'))?.[1];
  const byPackage = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(out?.inputs ?? {}))
    byPackage.set(packageOf(input), (byPackage.get(packageOf(input)) ?? 0) + bytesInOutput);
  const sorted = [...byPackage.entries()].sort((a, b) => b[1] - a[1]);
  const sdk = sorted.filter(([p]) => SDK_PACKAGES.test(p)).reduce((s, [, b]) => s + b, 0);
  const rest = sorted.filter(([p]) => !SDK_PACKAGES.test(p));
  return {
    sdkKiB: round(sdk / 1024),
    otherKiB: round(rest.reduce((s, [, b]) => s + b, 0) / 1024),
    topOther: rest.slice(0, 8).map(([p, b]) => ({ package: p, kib: round(b / 1024) })),
  };
};

const clientsIn = (meta: Metafile) =>
  [
    ...new Set(
      Object.keys(meta.inputs)
        .map((p) => /node_modules\/(@aws-sdk\/client-[^/]+)\//.exec(p)?.[1])
        .filter((p): p is string => Boolean(p)),
    ),
  ].sort();

/** The client class a package exports (`@aws-sdk/client-dynamodb` → `DynamoDBClient`). */
const clientClassOf = async (pkg: string) => {
  const names = Object.keys(await import(pkg));
  const name = names.find((k) => k.endsWith('Client') && !k.startsWith('_') && k !== 'Client');
  if (!name) throw new Error(`${pkg} exports no client class`);
  return name;
};

type Built = { file: string; bytes: number; mapBytes: number; meta: Metafile };

const buildEntry = async (dir: string, entry: string): Promise<Built> => {
  const file = join(dir, 'index.mjs');
  const r = await build({ ...production(file), entryPoints: [join(ROOT, entry)] });
  return { file, bytes: statSync(file).size, mapBytes: statSync(`${file}.map`).size, meta: r.metafile as Metafile };
};

const buildBaseline = async (dir: string, clients: string[]): Promise<Built> => {
  const file = join(dir, 'index.mjs');
  const classes = await Promise.all(clients.map(clientClassOf));
  const contents = [
    ...clients.map((pkg, i) => `import { ${classes[i]} as C${i} } from '${pkg}';`),
    `const clients = [${clients.map((_, i) => `new C${i}({})`).join(', ')}];`,
    'export const handler = async () => clients.length;',
  ].join('\n');
  const r = await build({
    ...production(file),
    stdin: { contents, resolveDir: ROOT, sourcefile: 'sdk-baseline.mjs', loader: 'js' },
  });
  return { file, bytes: statSync(file).size, mapBytes: statSync(`${file}.map`).size, meta: r.metafile as Metafile };
};

/** One fresh Node process importing the bundle: milliseconds from before the import to its end. */
const importOnce = async (file: string, env: Record<string, string>) => {
  const script = `const s=performance.now();await import(${JSON.stringify(pathToFileURL(file).href)});process.stdout.write(String(performance.now()-s));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH ?? '', NODE_NO_WARNINGS: '1', AWS_REGION: 'ap-southeast-1', ...env },
  });
  return Number(stdout);
};

export type BundleResult = Awaited<ReturnType<typeof bundles>>['functions'][number];

/** A bundle of one package alone (namespace import, built like a function): what it costs by itself. */
const buildPackage = async (dir: string, contents: string): Promise<Built> => {
  const file = join(dir, 'index.mjs');
  const r = await build({
    ...production(file),
    stdin: { contents, resolveDir: ROOT, sourcefile: 'package-alone.mjs', loader: 'js' },
  });
  return { file, bytes: statSync(file).size, mapBytes: statSync(`${file}.map`).size, meta: r.metafile as Metafile };
};

/**
 * The project's direct dependencies that weigh ≥ 20 KiB in some function's bundle, each bundled alone; and, for
 * zod, the tree-shakable `zod/mini` with the same kind of schema, as the alternative. Explains the misses.
 */
const culpritSources = (heavy: string[]) => {
  const sources = heavy.map((pkg) => ({
    name: pkg,
    // pdfjs needs a DOMMatrix as it loads: alone, as in the app's bundle, it gets the app's stand-in first.
    contents:
      (pkg === 'pdfjs-dist' ? "import './functions/files/dom-matrix.ts';\n" : '') +
      `import * as m from '${pkg}';\nexport const handler = async () => Object.keys(m).length;`,
  }));
  if (heavy.includes('zod')) {
    sources.push({
      name: 'zod (classic, as the app imports it: { z })',
      contents:
        "import { z } from 'zod';\nconst s = z.object({ directiveId: z.string().min(1), recipientId: z.string().min(1) });\nexport const handler = async (e) => s.parse(e);",
    });
    sources.push({
      name: 'zod/mini (the same schema)',
      contents:
        "import * as z from 'zod/mini';\nconst s = z.object({ directiveId: z.string().check(z.minLength(1)), recipientId: z.string().check(z.minLength(1)) });\nexport const handler = async (e) => s.parse(e);",
    });
  }
  return sources;
};

export const bundles = async (
  facts: AppFacts,
  options: { runs: number; withSourceMaps: boolean; culprits: boolean; dependencies: string[] },
) => {
  const dir = mkdtempSync(join(tmpdir(), 'chidao-bench-bundles-'));
  try {
    const functions: (AppFacts['functions'][number] & { built: Built; clients: string[] })[] = [];
    for (const f of facts.functions) {
      const built = await buildEntry(join(dir, f.name), f.entry);
      functions.push({ ...f, built, clients: clientsIn(built.meta) });
    }
    const baselines = new Map<string, Built>();
    for (const f of functions) {
      const key = f.clients.join('+');
      if (!baselines.has(key))
        baselines.set(key, await buildBaseline(join(dir, `baseline-${baselines.size}`), f.clients));
    }
    const heavy = options.culprits
      ? options.dependencies.filter(
          (dep) =>
            !SDK_PACKAGES.test(dep) &&
            functions.some(
              (f) => (contributors(f.built.meta, f.built.file).topOther.find((c) => c.package === dep)?.kib ?? 0) >= 20,
            ),
        )
      : [];
    const culprits = new Map<string, Built>();
    for (const [i, c] of culpritSources(heavy).entries())
      culprits.set(c.name, await buildPackage(join(dir, `package-${i}`), c.contents));
    say(
      `bundles: ${functions.length} functions, ${baselines.size} SDK-only baselines, ${culprits.size} packages alone; importing ×${options.runs}`,
    );

    // Measured in alternation, round after round, so that drift of the machine touches both sides alike.
    const modes = options.withSourceMaps ? (['plain', 'sourceMaps'] as const) : (['plain'] as const);
    const samples = new Map<string, number[]>();
    const sample = async (key: string, file: string, env: Record<string, string>) => {
      const list = samples.get(key) ?? [];
      list.push(await importOnce(file, env));
      samples.set(key, list);
    };
    for (let r = 0; r < options.runs; r++) {
      for (const mode of modes) {
        for (const [key, b] of baselines) {
          await sample(
            `baseline:${key}:${mode}`,
            b.file,
            mode === 'sourceMaps' ? { NODE_OPTIONS: '--enable-source-maps' } : {},
          );
        }
        for (const f of functions) {
          // The function's own environment, as Lambda sets it; NODE_OPTIONS (source maps) only in that mode.
          const { NODE_OPTIONS, ...env } = f.environment;
          await sample(
            `fn:${f.name}:${mode}`,
            f.built.file,
            mode === 'sourceMaps' ? { ...env, NODE_OPTIONS: NODE_OPTIONS ?? '' } : env,
          );
        }
      }
      for (const [name, b] of culprits) await sample(`package:${name}`, b.file, {});
    }

    const packagesAlone = [...culprits.entries()].map(([name, b]) => ({
      package: name,
      sizeKiB: round(b.bytes / 1024),
      importMs: round(median(samples.get(`package:${name}`) ?? [])),
    }));
    const results = functions.map((f) => {
      const key = f.clients.join('+');
      const base = baselines.get(key) as Built;
      const ms = (k: string) => round(median(samples.get(k) ?? []));
      const importMs = ms(`fn:${f.name}:plain`);
      const baselineMs = ms(`baseline:${key}:plain`);
      const result = {
        function: f.name.replace(/[0-9A-F]{8}$/, ''),
        entry: f.entry,
        sdkClients: f.clients.map((c) => c.replace('@aws-sdk/client-', '')),
        sizeKiB: round(f.built.bytes / 1024),
        baselineKiB: round(base.bytes / 1024),
        sizeDeltaKiB: round((f.built.bytes - base.bytes) / 1024),
        importMs,
        baselineImportMs: baselineMs,
        importRatio: round(importMs / baselineMs, 2),
        importSamplesMs: (samples.get(`fn:${f.name}:plain`) ?? []).map((v) => round(v)),
        baselineSamplesMs: (samples.get(`baseline:${key}:plain`) ?? []).map((v) => round(v)),
        ...(options.withSourceMaps
          ? {
              withSourceMaps: {
                nodeOptions: f.environment.NODE_OPTIONS ?? '',
                importMs: ms(`fn:${f.name}:sourceMaps`),
                baselineImportMs: ms(`baseline:${key}:sourceMaps`),
                importRatio: round(ms(`fn:${f.name}:sourceMaps`) / ms(`baseline:${key}:sourceMaps`), 2),
                mapKiB: round(f.built.mapBytes / 1024),
                baselineMapKiB: round(base.mapBytes / 1024),
              },
            }
          : {}),
        composition: contributors(f.built.meta, f.built.file),
      };
      say(
        `bundle ${result.function}: ${result.sizeKiB} KiB (+${result.sizeDeltaKiB}), ${importMs} ms vs ${baselineMs} ms (×${result.importRatio})`,
      );
      return result;
    });
    return { functions: results, packagesAlone };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
