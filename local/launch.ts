import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Starts the local runtime as the README tells people to (`npm start -- --port P --data-dir D
 * [--virtual-clock --start-at T]`), in a process group of its own, and stops it cleanly: the tests, the
 * benchmark and the demo all run it this way.
 */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A port nobody listens on right now. */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

export const portIsFree = (port: number, host = '127.0.0.1') =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });

/** Where to reach a runtime that listens on `host`: a wildcard address is reached on loopback. */
const reachable = (host: string) => {
  if (host === '0.0.0.0' || host === '::' || host === '') return { connect: '127.0.0.1', url: '127.0.0.1' };
  return { connect: host, url: host.includes(':') ? `[${host}]` : host };
};

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runtimes still alive; if this process ends without stopping one, its whole group goes with it. */
const alive = new Set<number>();
process.once('exit', () => {
  for (const group of alive) {
    try {
      process.kill(-group, 'SIGKILL');
    } catch {}
  }
});

export type LaunchOptions = {
  port?: number;
  /** The address the runtime listens on (`--host`); loopback when not given. */
  host?: string;
  /** A fresh temporary folder (named with `tempPrefix`) when not given. */
  dataDir?: string;
  tempPrefix?: string;
  /** With the virtual clock, where it starts (a data folder that has a clock keeps its own). */
  virtualClock?: { startAt?: string } | false;
  env?: Record<string, string>;
  /** `--sfn-quotas`: AWS's Step Functions token buckets of that region class. */
  sfnQuotas?: 'large' | 'other';
  /** `--sfn-hold-runs`: executions of these machines wait for `POST /_local/executions/release`. */
  sfnHoldRuns?: string;
  /** Pass the runtime's output through (the demo) instead of keeping it for `log()` (tests). */
  inheritOutput?: boolean;
  /** Besides the gateway answering, what the output must show before the runtime counts as ready. */
  readyWhen?: (output: string) => boolean;
  readyWithinMs?: number;
};

export type Launched = Awaited<ReturnType<typeof launchRuntime>>;

export const launchRuntime = async (options: LaunchOptions = {}) => {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), options.tempPrefix ?? 'chidao-'));
  const host = reachable(options.host ?? '127.0.0.1');
  const base = `http://${host.url}:${port}`;
  const clock = options.virtualClock === false ? [] : ['--virtual-clock'];
  const startAt = options.virtualClock ? options.virtualClock.startAt : undefined;
  let output = '';
  const child: ChildProcess = spawn(
    'npm',
    [
      'start',
      '--',
      '--port',
      String(port),
      ...(options.host ? ['--host', options.host] : []),
      '--data-dir',
      dataDir,
      ...clock,
      ...(startAt ? ['--start-at', startAt] : []),
      ...(options.sfnQuotas ? ['--sfn-quotas', options.sfnQuotas] : []),
      ...(options.sfnHoldRuns ? ['--sfn-hold-runs', options.sfnHoldRuns] : []),
    ],
    {
      cwd: ROOT,
      detached: true,
      stdio: options.inheritOutput ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
    },
  );
  const group = child.pid;
  if (group === undefined) throw new Error('npm start did not start');
  alive.add(group);
  const keep = (d: Buffer) => {
    output = (output + d.toString('utf8')).slice(-50_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exitCode = code;
      resolve();
    }),
  );
  const log = (chars = 4000) => output.slice(-chars);

  let stopped = false;
  /**
   * Signals the whole group (npm, its shell, tsx and the runtime, even once npm is gone), escalates to SIGKILL
   * after 15 s, and waits until the port is free and `stillRunning` (the caller's view of the runtime) says no.
   */
  const stop = async (signal: NodeJS.Signals = 'SIGTERM', stillRunning: () => boolean = () => false) => {
    if (!stopped) {
      stopped = true;
      try {
        process.kill(-group, signal);
      } catch {}
    }
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), 15_000);
    });
    if ((await Promise.race([exited, late])) === 'late') {
      try {
        process.kill(-group, 'SIGKILL');
      } catch {}
      await exited;
    }
    clearTimeout(timer);
    for (let i = 0; i < 300 && (!(await portIsFree(port, host.connect)) || stillRunning()); i++) {
      if (i === 200) {
        try {
          process.kill(-group, 'SIGKILL');
        } catch {}
      }
      await pause(50);
    }
    alive.delete(group);
  };

  // Waiting for a process to start is the one thing a poll is right for.
  const started = performance.now();
  const within = options.readyWithinMs ?? 120_000;
  for (;;) {
    if (exitCode !== undefined) {
      await stop('SIGKILL');
      throw new Error(`npm start exited with ${exitCode} before it was ready:\n${log()}`);
    }
    if (!options.readyWhen || options.readyWhen(output)) {
      try {
        if ((await fetch(`${base}/_local/clock`)).ok) break;
      } catch {}
    }
    if (performance.now() - started > within) {
      await stop('SIGKILL');
      throw new Error(`npm start was not ready within ${within} ms:\n${log()}`);
    }
    await pause(100);
  }

  return {
    child,
    group,
    port,
    base,
    dataDir,
    readyMs: performance.now() - started,
    log,
    stop,
    exited,
    exitCode: () => exitCode,
  };
};
