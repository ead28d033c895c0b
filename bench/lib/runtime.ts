import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LOCAL_ENV } from '../../local/environment.ts';
import { freePort, launchRuntime } from '../../local/launch.ts';
import { cpuSeconds, memoryOf, pause, ROOT } from './measure.ts';
import { type CpuProfile, summarizeProfile } from './profile.ts';

/**
 * The local runtime as a user starts it (`npm start -- --port P --data-dir D --virtual-clock --start-at T`, with
 * OFFICIAL_API_TOKEN), launched by local/launch.ts like the tests' on a fresh data folder; in addition the
 * runtime is started with bench/lib/probe.mjs preloaded, which counts the AWS requests it makes, and the
 * benchmark reads the runtime process's CPU time and memory from /proc.
 */

export const API_TOKEN = 'bench-official-token';
/** 09:00 on a working Wednesday in Hà Nội: reminders wait for working hours, so this keeps them predictable. */
export const WORKING_MORNING = '2026-03-04T09:00:00+07:00';
const READY_WITHIN_MS = 180_000;

export type RequestCounts = Record<string, { count: number; ms: number }>;
/** What bench/lib/probe.mjs writes from inside the runtime process. */
export type ProbeSnapshot = {
  pid: number;
  seq: number;
  requests: RequestCounts;
  gc: { major: number; minor: number; incremental: number; weakcb: number; count: number };
  elu: { activeMs: number; idleMs: number };
  heapUsedMiB: number;
};
export type Answer = { status: number; text: string; ms: number };

export type Runtime = Awaited<ReturnType<typeof startRuntime>>;

export async function startRuntime(
  options: { startAt?: string; sfnQuotas?: 'large' | 'other'; sfnHoldRuns?: string } = {},
) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'chidao-bench-'));
  const probeFile = join(dataDir, 'bench-probe.json');
  const base = `http://127.0.0.1:${port}`;
  const probe = `--import=${pathToFileURL(join(ROOT, 'bench', 'lib', 'probe.mjs')).href}`;
  const runtime = await launchRuntime({
    port,
    dataDir,
    virtualClock: { startAt: options.startAt ?? WORKING_MORNING },
    ...(options.sfnQuotas ? { sfnQuotas: options.sfnQuotas } : {}),
    ...(options.sfnHoldRuns ? { sfnHoldRuns: options.sfnHoldRuns } : {}),
    env: {
      [LOCAL_ENV.apiToken]: API_TOKEN,
      [LOCAL_ENV.publicBaseUrl]: base,
      CHIDAO_BENCH_PROBE: probeFile,
      NODE_OPTIONS: [process.env.NODE_OPTIONS, probe].filter(Boolean).join(' '),
      NODE_NO_WARNINGS: '1',
    },
    // Ready once the handlers are loaded (the runtime prints its banner after that) and the probe reports.
    readyWhen: (output) => output.includes('chidao is running at') && existsSync(probeFile),
    readyWithinMs: READY_WITHIN_MS,
  });
  const { log, readyMs } = runtime;
  let runtimePid: number | undefined;
  /** Also waits until the runtime process itself (not only npm above it) has exited. */
  const stop = () =>
    runtime.stop('SIGTERM', () => {
      if (runtimePid === undefined) return false;
      try {
        process.kill(runtimePid, 0);
        return true;
      } catch {
        return false;
      }
    });

  const readProbe = () => JSON.parse(readFileSync(probeFile, 'utf8')) as ProbeSnapshot;
  /** The process that runs local/main.ts (under npm → sh → tsx): the one whose CPU and memory are measured. */
  const pid = readProbe().pid;
  runtimePid = pid;

  const call = async (
    method: string,
    path: string,
    body?: string,
    headers: Record<string, string> = {},
  ): Promise<Answer> => {
    const at = performance.now();
    const r = await fetch(base + path, {
      method,
      redirect: 'manual',
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await r.text();
    return { status: r.status, text, ms: performance.now() - at };
  };
  const api = (method: string, path: string, body?: unknown) =>
    call(method, path, body === undefined ? undefined : JSON.stringify(body), {
      authorization: `Bearer ${API_TOKEN}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    });
  const ok = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await api(method, path, body);
    if (r.status < 200 || r.status > 299)
      throw new Error(`${method} ${path} → ${r.status} ${r.text.slice(0, 500)}\n${log(1500)}`);
    return JSON.parse(r.text) as T;
  };

  return {
    base,
    port,
    dataDir,
    pid,
    readyMs,
    log,
    call,
    api,
    ok,
    /** The probe's counts so far: AWS requests by `service:Operation`, GC, event loop, heap. */
    probe: async (): Promise<ProbeSnapshot> => {
      // The probe writes every 100 ms while something changes; the engine is quiet when this is called.
      await pause(250);
      return readProbe();
    },
    cpuSeconds: () => cpuSeconds(pid),
    /** Starts V8's CPU profiler in the runtime (see probe.mjs); `stop` returns where the time went. */
    profile: async () => {
      const out = `${probeFile}.cpuprofile`;
      if (existsSync(out)) unlinkSync(out);
      process.kill(pid, 'SIGUSR2');
      await pause(300);
      return {
        stop: async () => {
          process.kill(pid, 'SIGUSR2');
          for (let i = 0; i < 300 && !existsSync(out); i++) await pause(100);
          return summarizeProfile(JSON.parse(readFileSync(out, 'utf8')) as CpuProfile, ROOT);
        },
      };
    },
    memory: () => memoryOf(pid),
    /** `POST /_local/clock {"advance":"PT0S"}`: returns once every execution waits and no handler runs. */
    settle: () => ok<{ now: string; fired: number }>('POST', '/_local/clock', { advance: 'PT0S' }),
    advance: (duration: string) => ok<{ now: string; fired: number }>('POST', '/_local/clock', { advance: duration }),
    now: async () => (await ok<{ now: string }>('GET', '/_local/clock')).now,
    stop,
    dispose: async () => {
      await stop();
      rmSync(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    },
  };
}

/** What happened inside the runtime between two probe snapshots, over `wallMs` of wall time. */
export const phaseOf = (after: ProbeSnapshot, before: ProbeSnapshot, wallMs: number) => {
  const gcMs = (['major', 'minor', 'incremental', 'weakcb'] as const).reduce(
    (s, k) => s + after.gc[k] - before.gc[k],
    0,
  );
  const active = after.elu.activeMs - before.elu.activeMs;
  const idle = after.elu.idleMs - before.elu.idleMs;
  return {
    requests: requestDelta(after.requests, before.requests),
    gcMs: Math.round(gcMs),
    gcMajorMs: Math.round(after.gc.major - before.gc.major),
    gcShareOfWall: Math.round((gcMs / wallMs) * 1000) / 1000,
    eventLoopUtilisation: Math.round((active / (active + idle)) * 1000) / 1000,
    heapUsedMiB: Math.round(after.heapUsedMiB),
  };
};

/** The difference of two request counts: what happened between them. */
export const requestDelta = (after: RequestCounts, before: RequestCounts): RequestCounts => {
  const delta: RequestCounts = {};
  for (const [op, a] of Object.entries(after)) {
    const b = before[op] ?? { count: 0, ms: 0 };
    if (a.count - b.count > 0) delta[op] = { count: a.count - b.count, ms: Math.round(a.ms - b.ms) };
  }
  return delta;
};
