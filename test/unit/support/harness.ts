import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import {
  SendTaskFailureCommand,
  type SendTaskFailureCommandInput,
  SendTaskSuccessCommand,
  type SendTaskSuccessCommandInput,
  SFNClient,
  StartExecutionCommand,
  type StartExecutionCommandInput,
} from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { simpleParser } from 'mailparser';
import { expect, vi } from 'vitest';
import { toAssignment } from '#adapters/store/assignment-codec.ts';
import type { Submission } from '#adapters/store/submissions.ts';
import { submissionKey } from '#contracts/table.ts';
import type { Plan } from '#core/assignment/checkpoints.ts';
import type { Assignment, EventType } from '#core/assignment/model.ts';
import { handler as officialsHandler } from '#handlers/http/officials-api.ts';
import { handler as recipientHandler } from '#handlers/http/recipient-links.ts';
import type { HttpResult } from '#handlers/http/responses.ts';
import { handler as awaitHumanHandler } from '#handlers/tasks/await-recipient.ts';
import { handler as checkpointHandler } from '#handlers/tasks/checkpoint.ts';
import { handler as deliverHandler } from '#handlers/tasks/deliver.ts';
import { GIAM_DOC, giaLai126, OFFICE, PHO_GIAM_DOC } from '../../../local/demo/gia-lai-126.ts';
import { lambdaContext as context, type HttpEventInput, httpEvent } from '../../support/events.ts';
import { PARTS, RECIPIENTS } from './agencies.ts';

/**
 * Drives the real handlers against the run's dynalite (see test/setup.ts). SES, Step Functions and Secrets
 * Manager are mocked: they are the only AWS services that do not run here.
 */

export const sesMock = mockClient(SESClient);
export const sfnMock = mockClient(SFNClient);
export const secretsMock = mockClient(SecretsManagerClient);

export const LINK_SECRET = 'test-link-secret-0123456789abcdef0123456789abcdef';

/** Restores every mock to its default answers and forgets the calls; call it in beforeEach. */
/**
 * Every test starts at 09:00 on a working Wednesday in Hà Nội, so that reminders (which wait for working hours)
 * fall where the tests expect them whatever the time the suite runs.
 */
export const WORKING_MORNING = Date.parse('2026-03-04T02:00:00.000Z');

export const resetMocks = () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(WORKING_MORNING);
  sesMock.reset();
  sfnMock.reset();
  secretsMock.reset();
  secretsMock.on(GetSecretValueCommand).resolves({ SecretString: LINK_SECRET });
  let n = 0;
  sesMock.on(SendRawEmailCommand).callsFake(async () => ({ MessageId: `ses-${++n}` }));
  sfnMock.on(StartExecutionCommand).callsFake(async (input: StartExecutionCommandInput) => ({
    executionArn: `${input.stateMachineArn}:${input.name}`,
    startDate: new Date(),
  }));
  sfnMock.on(SendTaskSuccessCommand).resolves({});
  sfnMock.on(SendTaskFailureCommand).resolves({});
};

// ---------------------------------------------------------------------------------------------------------------
// DynamoDB, read directly

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const table = () => {
  const name = process.env.TABLE_NAME;
  if (!name) throw new Error('TABLE_NAME is not set (test/setup.ts sets it)');
  return name;
};

export type StoredItem = Assignment & { pk: string; sk: string; bucket?: string; dueAt?: string; duePk?: string };

export const getItem = async (directiveId: string, recipientId: string): Promise<StoredItem> => {
  const { Item } = await db.send(
    new GetCommand({
      TableName: table(),
      Key: { pk: `DIR#${directiveId}`, sk: `ASG#${recipientId}` },
      ConsistentRead: true,
    }),
  );
  if (!Item) throw new Error(`No assignment ${directiveId}/${recipientId}`);
  // Decoded as the application reads it (report slots are stored compactly); the keys are kept for tests.
  return { ...toAssignment(Item), pk: Item.pk, sk: Item.sk, duePk: Item.duePk } as StoredItem;
};

/** What an agency wrote, by the id an assignment records (a report's text and file, a request's reason). */
export const submissionOf = async (directiveId: string, recipientId: string, id: string | undefined) => {
  if (!id) return undefined;
  const { Item } = await db.send(
    new GetCommand({ TableName: table(), Key: submissionKey(directiveId, recipientId, id), ConsistentRead: true }),
  );
  return Item as Submission | undefined;
};

/** The file a report slot's submission carries. */
export const attachmentOf = async (item: Assignment, slotKey: string) =>
  (await submissionOf(item.directiveId, item.recipientId, item.reports[slotKey]?.reportId))?.attachment;

export const getRaw = async (pk: string, sk: string) => {
  const { Item } = await db.send(new GetCommand({ TableName: table(), Key: { pk, sk }, ConsistentRead: true }));
  return Item;
};

export const scanAll = async () => {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName: table(), ConsistentRead: true, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
};

export const historyTypes = (a: Pick<Assignment, 'history'>): EventType[] => a.history.map((e) => e.type);

// ---------------------------------------------------------------------------------------------------------------
// API Gateway HTTP API (payload 2.0) events, from the one factory (test/support/events.ts)

export type Claims = { sub: string; name?: string; email?: string };

export const OFFICIAL: Claims = { sub: 'official-1', name: 'Trần Văn Bình', email: 'binh@stttt.gialai.example' };

export { type HttpEventInput, httpEvent };

export type Response = { statusCode: number; headers: Record<string, string>; body: string };

const normalize = (result: HttpResult | undefined): Response => {
  expect(result, 'the handler returned a response').toBeDefined();
  const r = result as Exclude<HttpResult, undefined>;
  return {
    statusCode: r.statusCode ?? 200,
    headers: Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)])),
    body: r.body ?? '',
  };
};

export const callOfficials = async (input: HttpEventInput) =>
  normalize(await officialsHandler(httpEvent(input) as unknown as Parameters<typeof officialsHandler>[0], context));

export const callRecipient = async (input: HttpEventInput) =>
  normalize(await recipientHandler(httpEvent(input) as unknown as Parameters<typeof recipientHandler>[0], context));

export const postDirective = (body: unknown, options: { key?: string; claims?: Claims | null } = {}) =>
  callOfficials({
    routeKey: 'POST /api/directives',
    headers: {
      'content-type': 'application/json',
      ...(options.key ? { 'idempotency-key': options.key } : {}),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    claims: options.claims === undefined ? OFFICIAL : options.claims,
  });

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

export const viewLink = (token: string, method: 'GET' | 'HEAD' = 'GET') =>
  callRecipient({ routeKey: `${method} /r/{token}`, pathParameters: { token } });

export const postAcknowledge = (token: string) =>
  callRecipient({
    routeKey: 'POST /r/{token}/acknowledge',
    pathParameters: { token },
    headers: FORM,
    body: '',
  });

export const postReport = (
  token: string,
  taskCode: string,
  summary = 'Đã cử đầu mối liên hệ: đồng chí Nguyễn Văn A.',
) =>
  callRecipient({
    routeKey: 'POST /r/{token}/report',
    pathParameters: { token },
    headers: FORM,
    body: new URLSearchParams({ taskCode, summary }).toString(),
  });

// ---------------------------------------------------------------------------------------------------------------
// The directive: công văn 126/STTTT-BCVT of the Gia Lai Department of Information and Communications, from its one
// builder (local/demo/gia-lai-126.ts), to the unit tests' three agencies (./agencies.ts)

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export const ISSUER = OFFICE.issuer;
export const LEADERS = [GIAM_DOC, PHO_GIAM_DOC];
export { CONTACT_TASK } from '../../../local/demo/gia-lai-126.ts';
export { RECIPIENTS };

export type DirectiveBodyOptions = {
  number?: string;
  /** The report deadline of tasks 1.3 and 2.2 (ISO instant); two days from now by default. */
  deadline?: string;
  remindBefore?: string[];
  remindOnTheDay?: boolean;
  acknowledgeWithin?: string;
};

/** Issued now (the faked clock): 1.2 to the police and the army, 1.3 to them with a report, 2.2 to the power company. */
export const directiveBody = (options: DirectiveBodyOptions = {}) =>
  giaLai126({
    now: new Date().toISOString(),
    number: options.number,
    recipients: RECIPIENTS,
    parts: PARTS,
    tasks: ['1.2', '1.3', '2.2'],
    deadline: options.deadline ?? new Date(Date.now() + 2 * DAY).toISOString(),
    acknowledgeWithin: options.acknowledgeWithin,
    remindBefore: options.remindBefore,
    remindOnTheDay: options.remindOnTheDay ?? false,
    allowDuplicateNumber: true,
  });

export const parseJson = <T = Record<string, unknown>>(response: Response) => JSON.parse(response.body) as T;

/** Creates a directive through the officials' API (a fresh Idempotency-Key) and returns its id. */
export const issue = async (options: DirectiveBodyOptions = {}) => {
  const body = directiveBody(options);
  const response = await postDirective(body, { key: randomUUID() });
  expect(response.statusCode, response.body).toBe(201);
  const { id } = parseJson<{ id: string }>(response);
  expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  return { id, body };
};

// ---------------------------------------------------------------------------------------------------------------
// Emails sent through the mocked SES

export type SentMail = {
  to: string[];
  subject: string;
  text: string;
  html: string;
  links: string[];
  attachments: string[];
};

const LINK = /https?:\/\/[^\s"'<>]+\/r\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g;

export const sentMails = async (): Promise<SentMail[]> =>
  Promise.all(
    sesMock.commandCalls(SendRawEmailCommand).map(async (call) => {
      const data = call.args[0].input.RawMessage?.Data;
      if (!data) throw new Error('SendRawEmail without RawMessage.Data');
      const mail = await simpleParser(Buffer.from(data));
      const to = (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) =>
        a.value.map((v) => v.address ?? ''),
      );
      const text = mail.text ?? '';
      const html = typeof mail.html === 'string' ? mail.html : '';
      return {
        to,
        subject: mail.subject ?? '',
        text,
        html,
        links: [...new Set([...text.matchAll(LINK), ...html.matchAll(LINK)].map((m) => m[0]))],
        attachments: mail.attachments.map((a) => a.filename ?? ''),
      };
    }),
  );

export const tokenOf = (link: string) => {
  const token = /\/r\/([^/?#]+)$/.exec(link)?.[1];
  if (!token) throw new Error(`No token in ${link}`);
  return token;
};

// ---------------------------------------------------------------------------------------------------------------
// Step Functions, as the mocked SDK saw it

export const taskSuccesses = (): SendTaskSuccessCommandInput[] =>
  sfnMock.commandCalls(SendTaskSuccessCommand).map((c) => c.args[0].input);
export const taskFailures = (): SendTaskFailureCommandInput[] =>
  sfnMock.commandCalls(SendTaskFailureCommand).map((c) => c.args[0].input);
export const executionStarts = (): StartExecutionCommandInput[] =>
  sfnMock.commandCalls(StartExecutionCommand).map((c) => c.args[0].input);

/**
 * The plan in a SendTaskSuccess output. The output becomes the whole state of the execution (AwaitRecipient has
 * no ResultPath), so it must be `{directiveId, recipientId, plan}`: Route reads `$.plan.done`, the next task
 * `$.directiveId`.
 */
export const planInOutput = (output: string | undefined, ref?: { directiveId: string; recipientId: string }): Plan => {
  const state = JSON.parse(output ?? 'null') as { directiveId: string; recipientId: string; plan: Plan };
  expect(Object.keys(state).sort()).toEqual(['directiveId', 'plan', 'recipientId']);
  if (ref) expect(state).toMatchObject(ref);
  expect(state.plan).toMatchObject({
    done: expect.any(Boolean),
    status: expect.any(String),
    version: expect.any(Number),
    timeoutSeconds: expect.any(Number),
  });
  return state.plan;
};

// ---------------------------------------------------------------------------------------------------------------
// Step Functions tasks

export type StepOutput = { directiveId: string; recipientId: string; plan: Plan };

export const runDeliver = async (directiveId: string, recipientId: string) =>
  (await deliverHandler({ directiveId, recipientId }, context)) as StepOutput;

export const runCheckpoint = async (directiveId: string, recipientId: string) =>
  (await checkpointHandler({ directiveId, recipientId }, context)) as StepOutput;

export const runAwaitHuman = async (directiveId: string, recipientId: string, taskToken: string, plan: Plan) =>
  awaitHumanHandler({ directiveId, recipientId, taskToken, plan }, context);

/** A task token as Step Functions makes them: long and opaque. */
export const fakeTaskToken = () => `AQCEAAAAKgAAAAMAAAAA${randomUUID().replaceAll('-', '')}${'x'.repeat(40)}`;

/**
 * Delivers one assignment and returns what the recipient got: the one invitation email sent during the call
 * and the token of its link.
 */
export const deliverTo = async (directiveId: string, recipientId: string) => {
  const before = sesMock.commandCalls(SendRawEmailCommand).length;
  const output = await runDeliver(directiveId, recipientId);
  const mails = (await sentMails()).slice(before);
  expect(mails).toHaveLength(1);
  const mail = mails[0] as SentMail;
  expect(mail.links).toHaveLength(1);
  const link = mail.links[0] as string;
  return { output, mail, link, token: tokenOf(link) };
};

/** Delivers, then begins the wait for the recipient as the state machine would: the token is stored. */
export const deliverAndWait = async (directiveId: string, recipientId: string) => {
  const delivered = await deliverTo(directiveId, recipientId);
  const taskToken = fakeTaskToken();
  const waiting = await runAwaitHuman(directiveId, recipientId, taskToken, delivered.output.plan);
  expect(waiting).toEqual({ stored: true });
  return { ...delivered, taskToken };
};
