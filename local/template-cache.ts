import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The synthesized template, kept between starts: synthesizing the CDK app takes seconds, and it changes only
 * when what it is built from changes. The key is a hash of those sources (the app's `infra/`, the state
 * machines' `workflows/`, the names they share in `functions/contracts/`, `cdk.json`'s context and the locked
 * versions of every package, CDK's among them), so an edit to any of them synthesizes again, and an edit to a
 * handler, which the template names but does not contain, does not.
 */

export const TEMPLATE_SOURCES = ['infra', 'workflows', 'functions/contracts', 'cdk.json', 'package-lock.json'];

/** A new format of this cache (or of what synthesis is asked for) changes every key. */
const FORMAT = 'chidao-template-v1';

const filesUnder = (root: string, path: string): string[] => {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full, { withFileTypes: true })
    .filter((e) => e.name !== 'node_modules' && !e.name.startsWith('.'))
    .flatMap((e) => filesUnder(root, join(path, e.name)));
};

/** The hash of every source the template is built from: names and contents, in a fixed order. */
export const templateKey = (root: string, sources = TEMPLATE_SOURCES) => {
  const hash = createHash('sha256').update(FORMAT);
  const files = sources.flatMap((s) => filesUnder(root, s)).sort();
  for (const file of files) hash.update(`\0${file}\0`).update(readFileSync(join(root, file)));
  return { key: hash.digest('hex').slice(0, 32), files: files.length };
};

export type CachedTemplate<T> = { template: T; source: 'cache' | 'synthesized'; key: string; file: string };

/**
 * The template for these sources: read from `cacheDir` when one was synthesized from the same sources, else
 * synthesized and stored there (written whole, then renamed, so that a start killed meanwhile leaves no half
 * file; older keys are removed, so the folder holds one template).
 */
export const cachedTemplate = async <T>(options: {
  root: string;
  cacheDir: string;
  synthesize: () => Promise<T>;
  sources?: string[];
}): Promise<CachedTemplate<T>> => {
  const { key } = templateKey(options.root, options.sources);
  const file = join(options.cacheDir, `template-${key}.json`);
  if (existsSync(file)) {
    try {
      return { template: JSON.parse(readFileSync(file, 'utf8')) as T, source: 'cache', key, file };
    } catch {
      // A file that does not parse is not a template: synthesize again and replace it.
    }
  }
  const template = await options.synthesize();
  try {
    mkdirSync(options.cacheDir, { recursive: true });
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(template));
    renameSync(partial, file);
    for (const old of readdirSync(options.cacheDir))
      if (/^template-\w+\.json$/.test(old) && join(options.cacheDir, old) !== file)
        rmSync(join(options.cacheDir, old), { force: true });
  } catch (error) {
    // A cache that cannot be written (a read-only checkout) costs the next start its synthesis, nothing else.
    console.warn(`chidao: the template could not be cached in ${relative(options.root, options.cacheDir)}: ${error}`);
  }
  return { template, source: 'synthesized', key, file };
};
