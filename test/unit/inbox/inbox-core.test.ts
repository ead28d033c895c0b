import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createInboxToken, createLinkToken, verifyInboxToken, verifyLinkToken } from '#adapters/links.ts';
import type { Assignment } from '#core/assignment/model.ts';
import { holidaysOf } from '#core/calendar/index.ts';
import { ForbiddenError, GoneError, NotFoundError } from '#core/errors.ts';
import { inboxEmailSchema, inboxEntry, isWeeklyInboxDay, mondayOf, sortInbox } from '#core/inbox.ts';

const secrets = mockClient(SecretsManagerClient);
const NOW = '2026-03-04T02:00:00.000Z';
const DAY = 86_400_000;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.parse(NOW) + 3_600_000 * 24 * 365);
  secrets.reset();
  secrets
    .on(GetSecretValueCommand, { VersionStage: 'AWSCURRENT' })
    .resolves({ SecretString: 'inbox-test-secret-0123456789' });
  secrets
    .on(GetSecretValueCommand, { VersionStage: 'AWSPREVIOUS' })
    .rejects(new ResourceNotFoundException({ message: 'none', $metadata: {} }));
});
afterEach(() => vi.useRealTimers());

describe('the inbox link', () => {
  it('names the address and lives 30 days: 410 after, never before', async () => {
    const token = await createInboxToken('vanthu@congan.gialai.gov.vn', NOW);
    await expect(verifyInboxToken(token, new Date(Date.parse(NOW) + 30 * DAY - 1000).toISOString())).resolves.toEqual({
      email: 'vanthu@congan.gialai.gov.vn',
      expiresAt: new Date(Date.parse(NOW) + 30 * DAY).toISOString(),
    });
    await expect(verifyInboxToken(token, new Date(Date.parse(NOW) + 30 * DAY).toISOString())).rejects.toBeInstanceOf(
      GoneError,
    );
  });

  it('a forged or altered one is not found (404): another address in the payload, a MAC of another key', async () => {
    const token = await createInboxToken('a@x.vn', NOW);
    const [payload = '', mac = ''] = token.split('.');
    const other = Buffer.from(JSON.stringify(['inbox', 'b@x.vn', 4_000_000_000])).toString('base64url');
    for (const forged of [`${other}.${mac}`, `${payload}.${mac.slice(0, -2)}AA`, `${payload}`, `${token}.x`, ''])
      await expect(verifyInboxToken(forged, NOW), forged).rejects.toBeInstanceOf(NotFoundError);
  });

  it('a recipient’s link is never an inbox link, and an inbox link never a recipient’s', async () => {
    const recipient = await createLinkToken({
      directiveId: '01JDIRECTIVE',
      recipientId: 'cong-an-tinh',
      linkVersion: 1,
      expiresAt: '2026-09-01T10:00:00.000Z',
    });
    await expect(verifyInboxToken(recipient, NOW)).rejects.toBeInstanceOf(NotFoundError);
    const inbox = await createInboxToken('a@x.vn', NOW);
    await expect(verifyLinkToken(inbox, NOW)).rejects.toBeInstanceOf(ForbiddenError);
    // Even a payload that parses as the other kind is refused: the purpose is signed with it.
    const [, mac = ''] = inbox.split('.');
    const asRecipient = Buffer.from(JSON.stringify(['inbox', 'a@x.vn', 1, 4_000_000_000])).toString('base64url');
    await expect(verifyLinkToken(`${asRecipient}.${mac}`, NOW)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('the address typed', () => {
  it('is trimmed, lower-cased and NFC before it is checked', () => {
    expect(inboxEmailSchema.parse('  VanThu@CongAn.GiaLai.gov.VN ')).toBe('vanthu@congan.gialai.gov.vn');
    // An NFD "é" in a local part that z.email refuses either way: nothing reaches a lookup unchecked.
    expect(inboxEmailSchema.safeParse('not an address').success).toBe(false);
    expect(inboxEmailSchema.safeParse('').success).toBe(false);
    expect(inboxEmailSchema.safeParse(`${'a'.repeat(250)}@x.vn`).success).toBe(false);
    expect(inboxEmailSchema.safeParse(42).success).toBe(false);
  });
});

const assignment = (over: Partial<Assignment>): Assignment => ({
  directiveId: 'D1',
  recipientId: 'r',
  recipientName: 'Công an tỉnh',
  recipientEmail: 'a@x.vn',
  status: 'DELIVERED',
  version: 1,
  createdAt: '2026-03-01T00:00:00.000Z',
  policy: { remindBefore: [] } as unknown as Assignment['policy'],
  reports: {},
  escalationLevel: 0,
  linkVersion: 1,
  history: [],
  ...over,
});

describe('the order of an inbox', () => {
  it('open ones first by nearest deadline (a report’s or the acknowledgement’s), then closed ones, latest closed first', () => {
    const entries = [
      assignment({ directiveId: 'closed-old', status: 'COMPLETED', completedAt: '2026-02-01T00:00:00.000Z' }),
      assignment({ directiveId: 'late', ackDeadline: '2026-03-20T10:00:00.000Z' }),
      assignment({
        directiveId: 'soon',
        status: 'ACKNOWLEDGED',
        ackDeadline: '2026-03-02T10:00:00.000Z',
        reports: { '1': { taskCode: '1', deadline: '2026-03-10T10:00:00.000Z' } },
      }),
      assignment({ directiveId: 'closed-new', status: 'CANCELLED', cancelledAt: '2026-03-03T00:00:00.000Z' }),
      assignment({ directiveId: 'soonest', ackDeadline: '2026-03-05T10:00:00.000Z' }),
    ].map(inboxEntry);
    expect(sortInbox(entries).map((e) => e.assignment.directiveId)).toEqual([
      'soonest',
      'soon',
      'late',
      'closed-new',
      'closed-old',
    ]);
    const soon = entries.find((e) => e.assignment.directiveId === 'soon');
    expect(soon?.deadline).toBe('2026-03-10T10:00:00.000Z');
  });
  it('orders deadlines by the moment they name, whatever their spelling', () => {
    // 08:00 in Hà Nội is 01:00 UTC: before 02:00 UTC, although "…T08:00+07:00" sorts after "…T02:00Z" as text.
    const entries = [
      assignment({ directiveId: 'utc-two', ackDeadline: '2026-03-06T02:00:00.000Z' }),
      assignment({ directiveId: 'hanoi-eight', ackDeadline: '2026-03-06T08:00:00+07:00' }),
    ].map(inboxEntry);
    expect(sortInbox(entries).map((e) => e.assignment.directiveId)).toEqual(['hanoi-eight', 'utc-two']);
  });
});

describe('the day of the weekly email', () => {
  it('is Monday in an ordinary week, and no other day of it', () => {
    expect(
      ['2026-03-09', '2026-03-10', '2026-03-11', '2026-03-13', '2026-03-14', '2026-03-15'].map(isWeeklyInboxDay),
    ).toEqual([true, false, false, false, false, false]);
    expect(mondayOf('2026-03-15')).toBe('2026-03-09');
  });

  it('a holiday Monday sends nothing: Tuesday, the week’s first working day, does (Giỗ Tổ Hùng Vương, observed 27/04/2026)', () => {
    expect(holidaysOf(2026).find((h) => h.date === '2026-04-27')?.name).toContain('Hùng Vương');
    expect(isWeeklyInboxDay('2026-04-27')).toBe(false);
    expect(isWeeklyInboxDay('2026-04-28')).toBe(true);
    expect(isWeeklyInboxDay('2026-04-29')).toBe(false);
    // 2025: Giỗ Tổ fell on Monday 07/04 itself.
    expect(isWeeklyInboxDay('2025-04-07')).toBe(false);
    expect(isWeeklyInboxDay('2025-04-08')).toBe(true);
  });

  it('Tết: the week whose Monday to Friday are all off sends none', () => {
    // 16–20/02/2026 are Tết: no working day that week.
    expect(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'].some(isWeeklyInboxDay)).toBe(false);
    expect(isWeeklyInboxDay('2026-02-23')).toBe(true);
  });
});
