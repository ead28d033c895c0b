import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/**
 * `npx cdk synth` as a deployer runs it: the pinned CLI, offline, bundling every function with the local
 * esbuild. The template itself is checked in template.test.ts; this proves the real command produces it.
 */
describe('npx cdk synth', () => {
  it('synthesizes the stack offline and bundles every function as an ESM module', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cdk-out-'));
    await promisify(execFile)('npx', ['cdk', 'synth', '--quiet', '--output', out], {
      cwd: join(import.meta.dirname, '..', '..'),
      env: { ...process.env, CI: 'true' },
      timeout: 180_000,
    });
    // CDK's built-in CloudFormation validation ran (the in-process syntheses skip it) and found nothing.
    const report = JSON.parse(readFileSync(join(out, 'validation-report.json'), 'utf8'));
    expect(report.pluginReports.flatMap((r: { violations?: unknown[] }) => r.violations ?? [])).toEqual([]);
    const template = JSON.parse(readFileSync(join(out, 'Chidao.template.json'), 'utf8'));
    const functions = Object.values<{ Type: string; Metadata?: Record<string, string> }>(template.Resources).filter(
      (r) => r.Type === 'AWS::Lambda::Function',
    );
    expect(functions.length).toBeGreaterThanOrEqual(8);
    for (const f of functions) {
      const asset = f.Metadata?.['aws:asset:path'] ?? '';
      const bundle = join(out, asset, 'index.mjs');
      expect(existsSync(bundle), `${asset} has index.mjs`).toBe(true);
      expect(statSync(bundle).size).toBeGreaterThan(10_000);
    }
  }, 180_000);
});
