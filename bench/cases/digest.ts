/**
 * The digest's query over a big table. Run as a child process by bench/run.ts:
 *
 *   tsx bench/cases/digest.ts --app facts.json --assignments 50000 --overdue 100
 *
 * Fills the runtime's DynamoDB (dynalite on LevelDB, the synthesized table) with `assignments` items stored the
 * way the app stores them: created by `initialAssignment` and `newAssignmentItem`, moved by the domain's own
 * transitions (deliver, acknowledge, report), each written by the storage layer's own UpdateItem
 * (`transitionWrite`: history appended, bucket, the sparse `duePk`/`dueAt` only while the assignment is open).
 * `overdue` of them are open past a deadline, 2% are open and not yet due, the rest are completed. Then runs the
 * digest's query, `overdueAssignments(now)` from functions/adapters/store/due.ts, and counts what it read;
 * beside it, what a Scan of the table would read.
 * Prints one JSON line.
 */
import pMap from 'p-map';
import { applyUpdate } from '../lib/apply-update.ts';
import { benchDirective, DAY_MS, recipientsOf } from '../lib/directive.ts';
import { childArgs, startLocalTable } from '../lib/local-table.ts';
import { round } from '../lib/measure.ts';

const PER_DIRECTIVE = 500;
const NOW = '2026-03-20T02:00:00.000Z';
const at = (offsetMs: number) => new Date(Date.parse(NOW) + offsetMs).toISOString();

const { facts, n } = childArgs(['assignments', 'overdue']);
const total = n('assignments');
const overdue = n('overdue');
const openNotDue = Math.round(total * 0.02);
const local = await startLocalTable(facts);

const { BatchWriteCommand, ScanCommand } = await import('@aws-sdk/lib-dynamodb');
const { dynamo } = await import('#adapters/clients/dynamo.ts');
const { newAssignmentItem, toAssignment, transitionWrite } = await import('#adapters/store/assignments.ts');
const { initialAssignment } = await import('#core/assignment/initial.ts');
const { directiveInputSchema } = await import('#core/directive.ts');
const transitions = await import('#core/assignment/transitions.ts');
const { overdueAssignments } = await import('#adapters/store/due.ts');
type Transition = import('#core/assignment/transitions.ts').Transition;

type Item = Record<string, unknown>;

/**
 * The item after a domain transition, as the storage layer writes it: its own UpdateItem (`transitionWrite`),
 * applied here in memory rather than sent (bench/lib/apply-update.ts), because sending 150,000 writes would be
 * most of the run.
 */
const transition = (item: Item, t: Transition, now: string): Item => {
  if (!t.ok) throw new Error(`Transition refused: ${t.problem.code}`);
  const { chunk, update } = transitionWrite(toAssignment(item), t.next, t.events, now);
  if (chunk) throw new Error('three transitions should not archive history');
  return applyUpdate(item, update);
};

const recipients = recipientsOf(PER_DIRECTIVE);
const directive = (k: number, createdAt: string) => {
  const input = directiveInputSchema.parse(
    benchDirective({ number: `DIGEST-${k}/2026`, now: createdAt, recipients, deadlineDays: 3 }),
  );
  const { recipients: _, ...rest } = input;
  return { ...rest, id: `01DIGEST${String(k).padStart(18, '0')}`, createdAt, recipientCount: PER_DIRECTIVE };
};

/**
 * Item i: the first `overdue` (spread over the directives) are open past a deadline — half never acknowledged
 * (past the acknowledgement deadline), half acknowledged but not reported (past the report deadline); the next
 * `openNotDue` were issued an hour ago; the rest were reported on time.
 */
const kindOf = (i: number) => {
  const stride = Math.floor(total / overdue);
  if (i % stride === 0 && i / stride < overdue) return (i / stride) % 2 === 0 ? 'overdue-ack' : 'overdue-report';
  if ((i + 1) % Math.floor(total / openNotDue) === 0) return 'open';
  return 'closed';
};

const old = at(-10 * DAY_MS);
const recent = at(-3_600_000);
const directives = new Map<string, ReturnType<typeof directive>>();
const directiveOf = (k: number, createdAt: string) => {
  const key = `${k}|${createdAt}`;
  let d = directives.get(key);
  if (!d) {
    d = directive(k, createdAt);
    directives.set(key, d);
  }
  return d;
};

const itemAt = (i: number) => {
  const kind = kindOf(i);
  const createdAt = kind === 'open' ? recent : old;
  const d = directiveOf(Math.floor(i / PER_DIRECTIVE) + (kind === 'open' ? 10_000 : 0), createdAt);
  const recipient = recipients[i % PER_DIRECTIVE] as (typeof recipients)[number];
  let item: Item = newAssignmentItem(initialAssignment(d, recipient), createdAt);
  item = transition(item, transitions.deliver(toAssignment(item), createdAt), createdAt);
  if (kind === 'overdue-ack' || kind === 'open') return item;
  const ackAt = at(-10 * DAY_MS + 3_600_000);
  item = transition(item, transitions.acknowledge(toAssignment(item), ackAt), ackAt);
  if (kind === 'overdue-report') return item;
  const reportAt = at(-8 * DAY_MS);
  return transition(
    item,
    transitions.report(toAssignment(item), reportAt, { taskCode: '1', reportId: `R${i}` }),
    reportAt,
  );
};

const t0 = performance.now();
const BATCH = 25;
await pMap(
  Array.from({ length: Math.ceil(total / BATCH) }, (_, b) => b),
  async (b) => {
    let RequestItems: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> | undefined = {
      [local.tableName]: Array.from({ length: Math.min(BATCH, total - b * BATCH) }, (_, j) => ({
        PutRequest: { Item: itemAt(b * BATCH + j) },
      })),
    };
    while (RequestItems && Object.keys(RequestItems).length > 0) {
      const r = await dynamo.send(new BatchWriteCommand({ RequestItems }));
      RequestItems = r.UnprocessedItems as typeof RequestItems;
    }
  },
  { concurrency: 16 },
);
const fillSeconds = (performance.now() - t0) / 1000;
process.stderr.write(`[digest] ${total} assignments written in ${round(fillSeconds)} s\n`);

// The digest's query, as the Digest function runs it at `now`.
const q0 = performance.now();
const result = await overdueAssignments(NOW);
const queryMs = performance.now() - q0;
const reallyOverdue = result.items.filter((a) => a.dueAt !== undefined && a.dueAt <= NOW).length;

// Beside it: what a Scan for the same items would read (the design forbids it; this is the comparison).
const s0 = performance.now();
let scanned = 0;
let scanCapacity = 0;
let scanFound = 0;
let ExclusiveStartKey: Record<string, unknown> | undefined;
do {
  const page = await dynamo.send(
    new ScanCommand({
      TableName: local.tableName,
      FilterExpression: 'attribute_exists(duePk) AND dueAt <= :now',
      ExpressionAttributeValues: { ':now': NOW },
      ReturnConsumedCapacity: 'TOTAL',
      ExclusiveStartKey,
    }),
  );
  scanned += page.ScannedCount ?? 0;
  scanFound += page.Count ?? 0;
  scanCapacity += page.ConsumedCapacity?.CapacityUnits ?? 0;
  ExclusiveStartKey = page.LastEvaluatedKey;
} while (ExclusiveStartKey);
const scanMs = performance.now() - s0;

await local.close();
process.stdout.write(
  `${JSON.stringify({
    assignments: total,
    overdue,
    openNotDue,
    closed: total - overdue - openNotDue,
    fillSeconds: round(fillSeconds, 1),
    query: {
      queries: 'one range query per due shard (8), paginated',
      itemsReturned: result.items.length,
      overdueReturned: reallyOverdue,
      itemsRead: result.read,
      consumedCapacity: round(result.capacity, 2),
      ms: round(queryMs),
      readsPerOverdueItem: round(result.read / overdue, 3),
    },
    scanForComparison: {
      itemsRead: scanned,
      found: scanFound,
      consumedCapacity: round(scanCapacity, 1),
      ms: round(scanMs),
    },
  })}\n`,
);
process.exit(0);
