/**
 * Loaded into the runtime by the benchmark through `NODE_OPTIONS=--import …/probe.mjs` (no production code is
 * changed). In the process that runs `local/main.ts`, and only there, it counts every outgoing HTTP request by
 * AWS service and operation (the SDK's `x-amz-target` and `x-amz-user-agent` headers), with the time each took
 * until its response ended, through Node's `http.client.*` diagnostics channels. Every 100 ms, if anything
 * changed, it writes `{pid, seq, requests, gc, elu, heapUsedMiB}` to the file named by CHIDAO_BENCH_PROBE: also
 * the time spent in garbage collection (by kind, from `gc` performance entries), the event loop's busy and idle
 * time (`performance.eventLoopUtilization()`), and the heap in use.
 *
 * SIGUSR2 starts a CPU profile of the process (V8's sampling profiler, 1 ms); the next SIGUSR2 stops it and
 * writes it to `<CHIDAO_BENCH_PROBE>.cpuprofile`. The benchmark profiles one extra run this way, never a timed one.
 *
 * The runtime's clock may be virtual (`Date` is faked there); `performance.now()` is not, and is all it uses.
 */
import dc from 'node:diagnostics_channel';
import { renameSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { PerformanceObserver, performance } from 'node:perf_hooks';

const file = process.env.CHIDAO_BENCH_PROBE;
const entry = (process.argv[1] ?? '').replaceAll('\\', '/');

if (file && entry.endsWith('/local/main.ts')) {
  /** @type {Record<string, {count: number, ms: number}>} */
  const requests = {};
  const started = new WeakMap();
  let seq = 0;
  let written = -1;

  /** `dynamodb:PutItem`, `sfn:SendTaskSuccess`, `ses:POST`, or `http:POST` for a request the SDK did not make. */
  const operationOf = (request) => {
    const target = request.getHeader('x-amz-target');
    // In Node the SDK names the service in `user-agent` (`… api/dynamodb#3.x …`); browsers use x-amz-user-agent.
    const agent = `${request.getHeader('user-agent') ?? ''} ${request.getHeader('x-amz-user-agent') ?? ''}`;
    const service = /(?:^|\s)api\/([a-z0-9-]+)#/i.exec(agent)?.[1]?.toLowerCase() ?? 'http';
    const operation = target ? String(target).split('.').pop() : request.method;
    return `${service}:${operation}`;
  };

  dc.subscribe('http.client.request.start', ({ request }) => {
    const op = operationOf(request);
    started.set(request, { op, at: performance.now() });
    requests[op] ??= { count: 0, ms: 0 };
    requests[op].count++;
    seq++;
  });
  dc.subscribe('http.client.response.finish', ({ request }) => {
    const s = started.get(request);
    if (!s) return;
    started.delete(request);
    const r = requests[s.op];
    if (r) r.ms += performance.now() - s.at;
    seq++;
  });

  /** Milliseconds of garbage collection by kind (V8's `NodePerformanceConstants.NODE_PERFORMANCE_GC_*`). */
  const gc = { major: 0, minor: 0, incremental: 0, weakcb: 0, count: 0 };
  const kinds = { 1: 'major', 2: 'minor', 4: 'incremental', 8: 'weakcb' };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = kinds[entry.detail?.kind ?? entry.kind] ?? 'major';
      gc[kind] += entry.duration;
      gc.count++;
    }
    seq++;
  }).observe({ entryTypes: ['gc'] });

  const flush = () => {
    if (written === seq) return;
    written = seq;
    const { active, idle } = performance.eventLoopUtilization();
    writeFileSync(
      file,
      JSON.stringify({
        pid: process.pid,
        seq,
        requests,
        gc,
        elu: { activeMs: active, idleMs: idle },
        heapUsedMiB: process.memoryUsage().heapUsed / 1048576,
      }),
    );
  };
  flush();
  setInterval(flush, 100).unref();
  process.on('exit', flush);

  let session;
  process.on('SIGUSR2', () => {
    if (!session) {
      session = new Session();
      session.connect();
      session.post('Profiler.enable', () =>
        session.post('Profiler.setSamplingInterval', { interval: 1000 }, () => session.post('Profiler.start')),
      );
      return;
    }
    const running = session;
    session = undefined;
    running.post('Profiler.stop', (error, result) => {
      if (!error) {
        // Written whole, then renamed: the benchmark waits for the name.
        writeFileSync(`${file}.cpuprofile.tmp`, JSON.stringify(result.profile));
        renameSync(`${file}.cpuprofile.tmp`, `${file}.cpuprofile`);
      }
      running.disconnect();
    });
  });
}
