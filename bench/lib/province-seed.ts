/**
 * A province in the local table: `offices` issuing offices, `agencies` agencies, and `assignments` open
 * assignments spread over the directives of those offices, every item in the shape the store writes it:
 * directives by `directiveItem` (with their by-issuer and by-office keys) and `issuerItem`, assignments by
 * `newAssignmentItem` and then moved by the domain's own transitions (deliver, acknowledge) through the store's
 * own UpdateItem (`transitionWrite`), applied in memory (bench/lib/apply-update.ts) and sent by BatchWrite.
 *
 * Every recipient address is one of the `agencies` (`ag0001@bench.example`…), each addressed by several offices,
 * so an agency's inbox (a query by recipient address, issue 13 item 2) can be timed on the same data: `agencyOf`
 * and the returned `byAgency` name who holds what.
 *
 * Import this module only after `startLocalTable` (bench/lib/local-table.ts) has set the table's variables.
 */

import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import pMap from 'p-map';
import { dynamo } from '#adapters/clients/dynamo.ts';
import { newAssignmentItem, toAssignment, transitionWrite } from '#adapters/store/assignments.ts';
import { directiveItem, issuerItem } from '#adapters/store/directives.ts';
import { initialAssignment } from '#core/assignment/initial.ts';
import { acknowledge, deliver, type Transition } from '#core/assignment/transitions.ts';
import { directiveInputSchema, type StoredDirective, tasksAsIssued } from '#core/directive.ts';
import { applyUpdate } from './apply-update.ts';
import { type BenchRecipient, benchDirective, DAY_MS } from './directive.ts';

export type ProvincePlan = { offices: number; agencies: number; assignments: number; directivesPerOffice: number };

export const PROVINCE: ProvincePlan = { offices: 40, agencies: 2000, assignments: 20_000, directivesPerOffice: 10 };

/** How an office's assignments split over its directives: one to many agencies, most to a few dozen. */
const SHARES = [0.4, 0.2, 0.1, 0.08, 0.06, 0.05, 0.04, 0.03, 0.024, 0.016];

export const officeId = (o: number) => `so-${String(o + 1).padStart(2, '0')}-bench`;
export const issuerOf = (o: number) => `Sở số ${o + 1} (bench)`;
export const agencyOf = (a: number): BenchRecipient => {
  const id = `ag${String(a + 1).padStart(4, '0')}`;
  return { id, name: `UBND đơn vị ${id}`, email: `${id}@bench.example` };
};

type Item = Record<string, unknown>;

const moved = (item: Item, t: Transition, now: string): Item => {
  if (!t.ok) throw new Error(`Transition refused: ${t.problem.code}`);
  const { chunk, update } = transitionWrite(toAssignment(item), t.next, t.events, now);
  if (chunk) throw new Error('two transitions should not archive history');
  return applyUpdate(item, update);
};

/** The sizes of one office's directives: `total` split by SHARES, the rounding left on the largest. */
const sizesOf = (total: number, count: number) => {
  const shares = SHARES.slice(0, count);
  const sum = shares.reduce((a, b) => a + b, 0);
  const sizes = shares.map((s) => Math.max(1, Math.floor((total * s) / sum)));
  sizes[0] = (sizes[0] ?? 0) + total - sizes.reduce((a, b) => a + b, 0);
  return sizes;
};

export type SeededDirective = { id: string; office: string; issuer: string; issuedOn: string; recipients: number };

/**
 * Writes the province at `now`: directives issued over the 30 days before it (deadline 14 days after issue, so
 * the older ones are overdue), every assignment delivered and four in five acknowledged, none completed.
 */
export const seedProvince = async (tableName: string, plan: ProvincePlan, now: string) => {
  const perOffice = Math.floor(plan.assignments / plan.offices);
  const directives: SeededDirective[] = [];
  const byAgency = new Map<string, number>();
  const batches: Item[][] = [[]];
  const put = (item: Item) => {
    const last = batches.at(-1) as Item[];
    if (last.length < 25) last.push(item);
    else batches.push([item]);
  };
  for (let o = 0; o < plan.offices; o++) {
    const office = officeId(o);
    const issuer = issuerOf(o);
    put(issuerItem(issuer));
    const sizes = sizesOf(perOffice + (o < plan.assignments % plan.offices ? 1 : 0), plan.directivesPerOffice);
    for (const [d, size] of sizes.entries()) {
      const issuedAt = new Date(Date.parse(now) - ((o + 3 * d) % 30) * DAY_MS - 3_600_000).toISOString();
      // A contiguous run of agencies from a different place for each directive: every agency gets about
      // assignments ÷ agencies of them, from several offices.
      const start = (o * 97 + d * 211) % plan.agencies;
      const recipients = Array.from({ length: size }, (_, i) => agencyOf((start + i) % plan.agencies));
      const input = directiveInputSchema.parse({
        ...benchDirective({ number: `${o + 1}-${d + 1}/BENCH`, now: issuedAt, recipients, deadlineDays: 14 }),
        issuer,
      });
      const { recipients: _, allowDuplicateNumber: __, ...rest } = input;
      const id = `01PROV${String(o).padStart(3, '0')}${String(d).padStart(3, '0')}${'0'.repeat(14)}`;
      const directive: StoredDirective & { office: string } = {
        ...rest,
        tasks: tasksAsIssued(rest.tasks, issuedAt),
        id,
        createdAt: issuedAt,
        recipientCount: size,
        tally: {},
        office,
        rosterIndexed: true,
      };
      const tally: Record<string, number> = {};
      const count = (k: string) => {
        tally[k] = (tally[k] ?? 0) + 1;
      };
      const deliveredAt = new Date(Date.parse(issuedAt) + 60_000).toISOString();
      const acknowledgedAt = new Date(Date.parse(issuedAt) + 3_600_000).toISOString();
      for (const [i, recipient] of recipients.entries()) {
        let item: Item = newAssignmentItem(initialAssignment(directive, recipient), issuedAt);
        item = moved(item, deliver(toAssignment(item), deliveredAt), deliveredAt);
        if (i % 5 !== 0) item = moved(item, acknowledge(toAssignment(item), acknowledgedAt), acknowledgedAt);
        // The tally each transition keeps on the directive, as the store's `tallyDelta` would leave it.
        count(String(item.bucket));
        if (item.acknowledgedAt) count('acknowledged');
        byAgency.set(recipient.email, (byAgency.get(recipient.email) ?? 0) + 1);
        put(item);
      }
      put(directiveItem({ ...directive, tally }));
      directives.push({ id, office, issuer, issuedOn: directive.issuedOn, recipients: size });
    }
  }
  await pMap(
    batches,
    async (batch) => {
      let RequestItems: Record<string, { PutRequest: { Item: Item } }[]> | undefined = {
        [tableName]: batch.map((Item) => ({ PutRequest: { Item } })),
      };
      while (RequestItems && Object.keys(RequestItems).length > 0) {
        const r = await dynamo.send(new BatchWriteCommand({ RequestItems }));
        RequestItems = r.UnprocessedItems as typeof RequestItems;
      }
    },
    { concurrency: 16 },
  );
  return { directives, byAgency, items: batches.reduce((n, b) => n + b.length, 0) };
};
