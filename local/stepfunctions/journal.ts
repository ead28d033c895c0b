import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * What the engine must not forget across a SIGKILL: each execution, and the top-level state it last entered
 * with that state's input and the absolute time its wait runs out. Appended line by line (a killed process
 * loses nothing the kernel already has) and compacted when loaded.
 */
export type ExecutionRecord = {
  arn: string;
  name: string;
  stateMachineArn: string;
  input: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
  startDate: number;
  stopDate?: number;
  output?: string;
  error?: string;
  cause?: string;
  current?: { state: string; input: unknown; enteredAt: number; timeoutAt?: number };
};

type Line =
  | { t: 'start'; record: ExecutionRecord }
  | { t: 'enter'; arn: string; current: NonNullable<ExecutionRecord['current']> }
  | {
      t: 'end';
      arn: string;
      status: ExecutionRecord['status'];
      stopDate: number;
      output?: string;
      error?: string;
      cause?: string;
    };

export class Journal {
  constructor(private readonly file?: string) {}

  /** Replays the journal into one record per execution and rewrites it compacted. */
  load(): Map<string, ExecutionRecord> {
    const records = new Map<string, ExecutionRecord>();
    if (!this.file || !existsSync(this.file)) return records;
    for (const text of readFileSync(this.file, 'utf8').split('\n')) {
      if (!text) continue;
      let line: Line;
      try {
        line = JSON.parse(text);
      } catch {
        continue; // a line cut short by a kill: the state before it stands
      }
      if (line.t === 'start') records.set(line.record.arn, line.record);
      const record = line.t === 'start' ? undefined : records.get(line.arn);
      if (!record) continue;
      if (line.t === 'enter') record.current = line.current;
      if (line.t === 'end') {
        const { t: _t, arn: _arn, ...end } = line;
        Object.assign(record, end);
        delete record.current;
      }
    }
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, [...records.values()].map((record) => `${JSON.stringify({ t: 'start', record })}\n`).join(''));
    renameSync(tmp, this.file);
    return records;
  }

  private append(line: Line) {
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    appendFileSync(this.file, `${JSON.stringify(line)}\n`);
  }

  started(record: ExecutionRecord) {
    this.append({ t: 'start', record });
  }

  entered(arn: string, current: NonNullable<ExecutionRecord['current']>) {
    this.append({ t: 'enter', arn, current });
  }

  ended(record: ExecutionRecord) {
    this.append({
      t: 'end',
      arn: record.arn,
      status: record.status,
      stopDate: record.stopDate ?? Date.now(),
      ...(record.output !== undefined ? { output: record.output } : {}),
      ...(record.error !== undefined ? { error: record.error } : {}),
      ...(record.cause !== undefined ? { cause: record.cause } : {}),
    });
  }
}
