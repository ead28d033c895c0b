import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, release, totalmem, type } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Plain helpers of the benchmark: statistics, the machine, a process's CPU and memory, child scripts. */

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MiB = 1024 * 1024;

export const round = (n: number, digits = 1) => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

/** The q-quantile of the samples, by the nearest-rank method (p95 of 20 samples is the 19th smallest). */
export const quantile = (samples: number[], q: number) => {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
};
export const median = (samples: number[]) => quantile(samples, 0.5);

export const latencySummary = (samples: number[]) => ({
  count: samples.length,
  p50Ms: round(quantile(samples, 0.5)),
  p95Ms: round(quantile(samples, 0.95)),
  p99Ms: round(quantile(samples, 0.99)),
  maxMs: round(Math.max(...samples)),
});

export const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const machine = () => {
  const list = cpus();
  let os = `${type()} ${release()}`;
  try {
    os = /PRETTY_NAME="([^"]+)"/.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? os;
  } catch {}
  let load: number[] | undefined;
  try {
    load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);
  } catch {}
  return {
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    memoryGiB: round(totalmem() / 1024 ** 3, 1),
    node: process.version,
    os,
    kernel: release(),
    ...(load ? { loadAverageAtStart: load } : {}),
  };
};

/** The code measured: the commit, and the paths changed since it (outside bench/), which the figures include. */
export const sourceState = () => {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
    const changed = git('status', '--porcelain')
      .split('\n')
      .filter((l) => l && !l.slice(3).startsWith('bench/'));
    return { commit: git('rev-parse', '--short', 'HEAD'), changedPaths: changed.length };
  } catch {
    return undefined;
  }
};

const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far, from /proc; undefined where there is no /proc. */
export const cpuSeconds = (pid: number): number | undefined => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
};

/** Resident memory now and at its peak (VmHWM) since the process started, in MiB. */
export const memoryOf = (pid: number): { rssMiB: number; peakRssMiB: number } | undefined => {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rssMiB: round(kb('VmRSS') / 1024), peakRssMiB: round(kb('VmHWM') / 1024) };
  } catch {
    return undefined;
  }
};

/**
 * Runs a bench script in its own Node process (with the tsx loader) and returns the JSON it prints on its last
 * line of stdout; its other output goes to this process's stderr as progress.
 */
export const runScript = <T>(script: string, args: string[], env: Record<string, string> = {}): Promise<T> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, script), ...args], {
      cwd: ROOT,
      env: { ...process.env, NODE_NO_WARNINGS: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString('utf8');
      process.stderr.write(d);
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return reject(new Error(`${script} exited with ${code}\n${err.slice(-2000)}`));
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${script} printed no JSON result:\n${out.slice(-2000)}`));
      }
    });
  });

/** Progress on stderr, so stdout keeps only the results. */
export const say = (message: string) =>
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
