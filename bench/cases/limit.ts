/**
 * The limit: how fast the runtime's own DynamoDB (dynalite on LevelDB, in one Node process with the SDK client,
 * as in `npm start`) takes the writes an assignment needs, on the table synthesized from the stack, with items
 * built by the app's own code. Run as a child process by bench/run.ts:
 *
 *   tsx bench/cases/limit.ts --app facts.json --ops 5000 --directive-size 5000
 *
 * Measured at concurrency 32 (the local Lambda runtime's cap), each operation over `ops` distinct items:
 * - PutItem: the item the create handler stores (`newAssignmentItem(initialAssignment(…))`), conditional;
 * - UpdateItem (transition): Deliver's write as the storage layer builds it (`transitionWrite`: expected version
 *   and status, changed attributes, history appended, the sparse due key), returning ALL_NEW;
 * - UpdateItem (token): AwaitRecipient's conditional store of the task token (`storeTaskToken` itself);
 * - GetItem, consistent: what each transition reads first;
 * - GetItem of the directive item itself, as `getDirective` reads it (every link request and every Deliver does):
 *   its size grows with the recipients, because each task lists its assignees;
 * - Query: `allAssignmentsOf` for one directive of `directive-size` assignments, the dashboard's reads.
 * Prints one JSON line.
 */
import { randomUUID } from 'node:crypto';
import pMap from 'p-map';
import { benchDirective, recipientsOf } from '../lib/directive.ts';
import { childArgs, startLocalTable } from '../lib/local-table.ts';
import { latencySummary, median, round } from '../lib/measure.ts';

const CONCURRENCY = 32;
const NOW = '2026-03-04T02:00:00.000Z';

const { facts, n } = childArgs(['ops', 'directive-size']);
const ops = n('ops');
const directiveSize = n('directive-size');
const local = await startLocalTable(facts);

// The app's modules, imported once the endpoint variables point at this table.
const { GetCommand, PutCommand, UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
const { dynamo } = await import('#adapters/clients/dynamo.ts');
const { allAssignmentsOf, newAssignmentItem, toAssignment, transitionWrite } = await import(
  '#adapters/store/assignments.ts'
);
const { storeTaskToken } = await import('#adapters/store/task-tokens.ts');
const { initialAssignment } = await import('#core/assignment/initial.ts');
const { directiveInputSchema } = await import('#core/directive.ts');
const { deliver } = await import('#core/assignment/transitions.ts');
const { assignmentKey, byIssuer, directiveKey } = await import('#contracts/table.ts');

const TableName = local.tableName;

/** The directives the items belong to: `directive-size` recipients each, like the fan-out's. */
const recipients = recipientsOf(directiveSize);
const directiveFor = (k: number) => {
  const input = directiveInputSchema.parse(benchDirective({ number: `LIMIT-${k}/2026`, now: NOW, recipients }));
  const { recipients: _, ...rest } = input;
  return { ...rest, id: `01LIMIT${String(k).padStart(19, '0')}`, createdAt: NOW, recipientCount: recipients.length };
};
const directives = Array.from({ length: Math.ceil(ops / directiveSize) }, (_, k) => directiveFor(k));
const items = Array.from({ length: ops }, (_, i) => {
  const directive = directives[Math.floor(i / directiveSize)] as (typeof directives)[number];
  const recipient = recipients[i % directiveSize] as (typeof recipients)[number];
  return newAssignmentItem(initialAssignment(directive, recipient), NOW);
});
const itemBytes = round(items.reduce((s, it) => s + Buffer.byteLength(JSON.stringify(it)), 0) / items.length, 0);

/** Sends every command at concurrency 32: operations per second and the latency of each. */
const drive = async (label: string, commands: { send: () => Promise<unknown> }[]) => {
  const latencies: number[] = [];
  const t0 = performance.now();
  await pMap(
    commands,
    async (c) => {
      const at = performance.now();
      await c.send();
      latencies.push(performance.now() - at);
    },
    { concurrency: CONCURRENCY },
  );
  const seconds = (performance.now() - t0) / 1000;
  process.stderr.write(`[limit] ${label}: ${round(commands.length / seconds)} ops/s\n`);
  return {
    ops: commands.length,
    seconds: round(seconds, 2),
    perSecond: round(commands.length / seconds),
    latency: latencySummary(latencies),
  };
};

// A short warm-up on items of their own, so the first measured requests do not pay for connections and JIT.
await pMap(
  Array.from({ length: 200 }, (_, i) => ({ ...(items[0] as object), sk: `WARMUP#${i}` })),
  (Item) => dynamo.send(new PutCommand({ TableName, Item })),
  { concurrency: CONCURRENCY },
);

const put = await drive(
  'PutItem',
  items.map((Item) => ({
    send: () => dynamo.send(new PutCommand({ TableName, Item, ConditionExpression: 'attribute_not_exists(pk)' })),
  })),
);

// Deliver's write, built by the storage layer itself (`transitionWrite`, the UpdateItem `applyTransition` sends).
const delivered = items.map((item) => {
  const current = toAssignment(item);
  const t = deliver(current, NOW);
  if (!t.ok) throw new Error(`deliver refused: ${t.problem.code}`);
  const { chunk, update } = transitionWrite(current, t.next, t.events, NOW);
  // A new item's history is far from the chunking threshold: the measured write is the UpdateItem alone.
  if (chunk) throw new Error('a first transition should not archive history');
  return { current, command: new UpdateCommand(update) };
});
const updateTransition = await drive(
  'UpdateItem (transition)',
  delivered.map(({ command }) => ({ send: () => dynamo.send(command) })),
);

const token = () =>
  Buffer.from(
    JSON.stringify({
      e: `arn:aws:states:ap-southeast-1:000000000000:execution:Chidao-assignment:01KJV95K80Z3KYHSMZDFV20981-r00001`,
      n: randomUUID(),
    }),
  ).toString('base64url');
// AwaitRecipient's write, by the storage layer's own function (one conditional UpdateItem, nothing else).
const wakeAt = Date.parse(NOW) + 86_400_000;
const updateToken = await drive(
  'UpdateItem (token)',
  delivered.map(({ current }) => ({
    send: async () => {
      if (!(await storeTaskToken(current.directiveId, current.recipientId, token(), current.version + 1, wakeAt)))
        throw new Error(`the token of ${current.recipientId} was refused: the item moved on`);
    },
  })),
);

const get = await drive(
  'GetItem',
  delivered.map(({ current }) => ({
    send: () =>
      dynamo.send(
        new GetCommand({
          TableName,
          Key: assignmentKey(current.directiveId, current.recipientId),
          ConsistentRead: true,
        }),
      ),
  })),
);

// The directive item as `storeDirective` writes it, read as `getDirective` reads it.
const directive = { ...(directives[0] as (typeof directives)[number]), tally: { inProgressOnTime: directiveSize } };
await dynamo.send(
  new PutCommand({
    TableName,
    Item: {
      ...directiveKey(directive.id),
      ...byIssuer(directive.issuer, directive.issuedOn, directive.id),
      ...directive,
    },
  }),
);
const directiveItemBytes = Buffer.byteLength(JSON.stringify(directive));
const getDirectiveItem = await drive(
  `GetItem (directive of ${directiveSize} recipients, ${Math.round(directiveItemBytes / 1024)} KiB)`,
  Array.from({ length: Math.min(ops, 2000) }, () => ({
    send: () => dynamo.send(new GetCommand({ TableName, Key: directiveKey(directive.id) })),
  })),
);

// The dashboard's reads for one directive, without HTTP, JSON or a handler around them.
const first = directives[0]?.id as string;
const queryMs: number[] = [];
let queried = 0;
for (let i = 0; i < 6; i++) {
  const at = performance.now();
  queried = (await allAssignmentsOf(first)).length;
  if (i > 0) queryMs.push(performance.now() - at);
}

await local.close();
process.stdout.write(
  `${JSON.stringify({
    store: 'dynalite 4 on LevelDB, in one Node process with the SDK client (as in npm start)',
    concurrency: CONCURRENCY,
    itemBytes,
    putItem: put,
    updateItemTransition: updateTransition,
    updateItemToken: updateToken,
    getItemConsistent: get,
    getDirectiveItem: { ...getDirectiveItem, recipients: directiveSize, itemBytes: directiveItemBytes },
    queryAssignments: {
      items: queried,
      runs: queryMs.length,
      medianMs: round(median(queryMs)),
      maxMs: round(Math.max(...queryMs)),
    },
  })}\n`,
);
process.exit(0);
