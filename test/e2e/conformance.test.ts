import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readTemplate, type Template } from '../../local/cloud-assembly.ts';
import {
  giaLaiDirective,
  HOUR,
  iso,
  linkOf,
  type MachineView,
  type Mail,
  mailsTo,
  type Runtime,
  recipients,
  reportFields,
  startRuntime,
} from '../support/runtime.ts';

/**
 * The machines the local engine runs are the ones `cdk synth` produces, byte for byte except where the template
 * leaves a value to CloudFormation (a function's ARN, the partition).
 */

type Resource = { Type: string; Properties?: Record<string, unknown> };
type Join = { 'Fn::Join': [string, unknown[]] };
type StateDef = { Type: string; Next?: string; End?: boolean; ItemProcessor?: Machine; Iterator?: Machine };
type Machine = { StartAt: string; States: Record<string, StateDef> };

/** What CloudFormation substitutes in a definition: the partition, or an ARN. */
const RESOLVED = /^(aws|arn:aws:[A-Za-z0-9:/_.-]+)$/;
const PLACEHOLDER = '__CLOUDFORMATION__';

const template = JSON.parse(inject('template')) as { Resources: Record<string, Resource> };
const synthesized = Object.entries(template.Resources)
  .filter(([, r]) => r.Type === 'AWS::StepFunctions::StateMachine')
  .map(([logicalId, r]) => {
    const definition = r.Properties?.DefinitionString;
    const join: Join = typeof definition === 'string' ? { 'Fn::Join': ['', [definition]] } : (definition as Join);
    const [separator, parts] = join['Fn::Join'];
    // Separators are literal text between every two parts.
    const pieces = parts.flatMap((p, i): unknown[] => (i > 0 && separator ? [separator, p] : [p]));
    const name = r.Properties?.StateMachineName;
    return {
      logicalId,
      name: typeof name === 'string' ? name : logicalId,
      pieces,
      definition: JSON.parse(pieces.map((p) => (typeof p === 'string' ? p : PLACEHOLDER)).join('')) as Machine,
    };
  });

const commonPrefix = (a: string, b: string) => {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
};

/**
 * Walks the engine's JSON text along the template's pieces: every literal piece must come next, in order, and
 * what stands in for an intrinsic must be a value CloudFormation would put there. Returns the first mismatch,
 * described, or undefined.
 */
const mismatch = (text: string, pieces: unknown[]): string | undefined => {
  let pos = 0;
  const diverges = (piece: string, at: number, index: number) => {
    const n = commonPrefix(piece, text.slice(at));
    return (
      `literal part ${index} differs at offset ${at + n} of the engine's definition:\n` +
      `  template: …${JSON.stringify(piece.slice(Math.max(0, n - 60), n + 80))}\n` +
      `  engine:   …${JSON.stringify(text.slice(Math.max(0, at + n - 60), at + n + 80))}`
    );
  };
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    if (typeof piece === 'string') {
      if (!text.startsWith(piece, pos)) return diverges(piece, pos, i);
      pos += piece.length;
      continue;
    }
    // An intrinsic: the value in its place must look like what CloudFormation puts there, and the next literal
    // part must follow it. Of the candidate values, take the one after which the most of that part matches.
    const next = pieces[i + 1];
    const ends: number[] = [];
    for (let end = pos + 1; end <= Math.min(text.length, pos + 300); end++)
      if (RESOLVED.test(text.slice(pos, end))) ends.push(end);
    if (ends.length === 0)
      return `${JSON.stringify(piece)} became ${JSON.stringify(text.slice(pos, pos + 80))}…, not an ARN or a partition`;
    if (typeof next !== 'string') {
      pos = ends.at(-1) ?? pos;
      continue;
    }
    const best = ends.reduce((a, b) => (commonPrefix(next, text.slice(b)) > commonPrefix(next, text.slice(a)) ? b : a));
    if (!text.startsWith(next, best)) return diverges(next, best, i + 1);
    pos = best;
  }
  return pos === text.length
    ? undefined
    : `the engine's definition goes on after the template's ends: ${text.slice(pos, pos + 120)}`;
};

/**
 * The engine's definition with every value that stands in for an intrinsic replaced by the template's
 * placeholder, so the two compare with toEqual and a difference shows as a diff of fields.
 */
const placeholdersOf = (engine: unknown, synth: unknown): unknown => {
  if (typeof synth === 'string' && synth.includes(PLACEHOLDER) && typeof engine === 'string') {
    const pattern = synth
      .split(PLACEHOLDER)
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join(RESOLVED.source.slice(1, -1));
    return new RegExp(`^${pattern}$`).test(engine) ? synth : engine;
  }
  if (Array.isArray(engine))
    return engine.map((e, i) => placeholdersOf(e, Array.isArray(synth) ? synth[i] : undefined));
  if (engine && typeof engine === 'object') {
    const s = synth && typeof synth === 'object' ? (synth as Record<string, unknown>) : {};
    return Object.fromEntries(Object.entries(engine).map(([k, v]) => [k, placeholdersOf(v, s[k])]));
  }
  return engine;
};

/** Every state, nested ones (Map item processors) included, as "path: Type → Next". */
const shape = (m: Machine, path = ''): string[] => [
  `${path}StartAt ${m.StartAt}`,
  ...Object.entries(m.States).flatMap(([name, s]) => [
    `${path}${name}: ${s.Type}${s.Next ? ` → ${s.Next}` : ''}${s.End ? ' (end)' : ''}`,
    ...[s.ItemProcessor, s.Iterator].filter((x) => x !== undefined).flatMap((x) => shape(x, `${path}${name}/`)),
  ]),
];

describe('conformance: the engine runs the synthesized state machines', () => {
  let rt: Runtime;
  let machines: MachineView[];
  const byName = (name: string) => {
    const m = machines.find((x) => x.name === name);
    if (!m) throw new Error(`the engine runs no machine named ${name}: ${machines.map((x) => x.name).join(', ')}`);
    return m;
  };

  beforeAll(async () => {
    // Synthesized by `npm start` itself, as for its users, not read from the run's template file: what is
    // compared here is that synthesis with the one `inject('template')` holds.
    rt = await startRuntime({ synthesize: true });
    machines = await rt.stateMachines();
  });

  afterAll(async () => {
    await rt?.dispose();
  });

  it('accepts the template as the runtime reads it, before the engine has it (a control of the checks below)', () => {
    const read = readTemplate(template as Template, { publicBaseUrl: rt.base }).stateMachines;
    expect(read.map((m) => m.name).sort()).toEqual(synthesized.map((s) => s.name).sort());
    for (const s of synthesized) {
      const definition = read.find((m) => m.name === s.name)?.definition;
      expect(mismatch(JSON.stringify(definition), s.pieces), s.name).toBeUndefined();
      expect(placeholdersOf(definition, s.definition), s.name).toEqual(s.definition);
      // And the checks do see a change: one field more, or one ARN that is not one.
      const extra = JSON.parse(JSON.stringify(definition)) as Machine;
      Object.assign(Object.values(extra.States)[0] ?? {}, { Comment: 'added' });
      expect(mismatch(JSON.stringify(extra), s.pieces), s.name).toBeDefined();
      expect(placeholdersOf(extra, s.definition), s.name).not.toEqual(s.definition);
      const wrongArn = JSON.stringify(definition).replace('arn:aws:lambda:', 'arn:aws:lambda:"x');
      expect(mismatch(wrongArn, s.pieces), s.name).toBeDefined();
    }
  });

  it('runs as many machines as the template defines, under the same names', () => {
    expect(synthesized.length).toBeGreaterThanOrEqual(2);
    expect(machines.map((m) => m.name).sort()).toEqual(synthesized.map((s) => s.name).sort());
  });

  it.each(synthesized.map((s) => [s.name, s] as const))('%s has the same states and StartAt', (name, s) => {
    const engine = byName(name).definition as Machine;
    expect(engine.StartAt).toBe(s.definition.StartAt);
    expect(Object.keys(engine.States)).toEqual(Object.keys(s.definition.States));
    expect(shape(engine)).toEqual(shape(s.definition));
  });

  it.each(synthesized.map((s) => [s.name, s] as const))(
    '%s is the template text, with only ARNs and the partition filled in',
    (name, s) => {
      const literal = s.pieces.filter((p): p is string => typeof p === 'string');
      expect(literal.length).toBeGreaterThan(0);
      expect(s.pieces.some((p) => typeof p !== 'string')).toBe(true);
      expect(mismatch(JSON.stringify(byName(name).definition), s.pieces)).toBeUndefined();
    },
  );

  it.each(synthesized.map((s) => [s.name, s] as const))(
    "%s has exactly the template's fields in every state",
    (name, s) => {
      expect(placeholdersOf(byName(name).definition, s.definition)).toEqual(s.definition);
    },
  );

  it('executes a directive along those states to the end', async () => {
    const [onTime, silent] = recipients('dien-luc', 'ubnd-an-khe');
    if (!onTime || !silent) throw new Error('recipients missing');
    const now = await rt.clock();
    const { id } = await rt.issue(giaLaiDirective({ now, recipients: [onTime, silent], remindBefore: [] }));
    // PlanBatches → StartBatches (StartBatch) → AllStarted; each assignment: Deliver → AwaitRecipient.
    await rt.settle();
    const stats = await rt.stats();
    expect(stats).toMatchObject({ running: 2, parked: 2, openTasks: 2 });
    const mails = await rt.outbox();
    const link = (address: string) => linkOf(mailsTo(mails, address)[0] as Mail).path;

    // AwaitRecipient ends on the click → Route → AwaitRecipient → … → Route → Complete.
    expect((await rt.form(`${link(onTime.email)}/acknowledge`)).status).toBe(200);
    expect((await rt.form(`${link(onTime.email)}/report`, reportFields(onTime))).status).toBe(200);
    // AwaitRecipient times out → Checkpoint (escalation) → Route → AwaitRecipient.
    await rt.advanceTo(iso(now, 9 * HOUR));
    expect(mails.length).toBeLessThan((await rt.outbox()).length);
    expect((await rt.form(`${link(silent.email)}/report`, reportFields(silent))).status).toBe(200);
    await rt.settle();

    for (const r of [onTime, silent]) {
      const a = await rt.assignment(id, r.id);
      expect(a.status, r.id).toBe('COMPLETED');
      expect(a.history[1]).toMatchObject({ type: 'DELIVERED', by: 'workflow' });
    }
    const escalated = await rt.assignment(id, silent.id);
    expect(escalated.history.filter((e) => e.type === 'ESCALATED')).toMatchObject([
      { by: 'workflow', checkpoint: expect.stringMatching(/^escalate:ack:1:/), level: 1 },
    ]);
    expect(escalated.outcome).toBe('ON_TIME');
    // Every execution reached its end state; no wait is left open.
    expect(await rt.stats()).toMatchObject({ running: 0, parked: 0, openTasks: 0, inFlight: 0 });
  });
});
