import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './measure.ts';

/** bench/parse.bench.ts in a process of its own, if it is there; its output as printed. */
export const runParseBench = () =>
  new Promise<{ output: string; exitCode: number | null } | undefined>((resolve) => {
    if (!existsSync(join(ROOT, 'bench', 'parse.bench.ts'))) return resolve(undefined);
    const child = spawn('npx', ['tsx', 'bench/parse.bench.ts'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.once('error', () => resolve(undefined));
    child.once('exit', (exitCode) => {
      clearTimeout(timer);
      resolve({ output, exitCode });
    });
  });
