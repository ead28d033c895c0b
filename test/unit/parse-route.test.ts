import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { draftToForm } from '#web/officials/draft-to-form.ts';
import { callIntake } from './files-in-product/call-intake.ts';
import { OFFICIAL, parseJson, resetMocks, scanAll } from './support/harness.ts';

const seed = readFileSync(join(import.meta.dirname, 'parsing', 'fixtures', 'gia-lai-126.txt'), 'utf8');

const parse = (text: unknown) =>
  callIntake({
    routeKey: 'POST /api/directives/parse',
    path: '/api/directives/parse',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
    claims: OFFICIAL,
  });

beforeEach(() => resetMocks());

describe('POST /api/directives/parse', () => {
  it('returns a draft of the create body from a pasted công văn, and stores nothing', async () => {
    const response = await parse(seed);
    expect(response.statusCode).toBe(200);
    const { draft, warnings } = parseJson<{
      draft: { number: string; issuedOn: string; recipients: unknown[]; tasks: { code: string }[] };
      warnings: { field: string }[];
    }>(response);
    expect(draft.number).toBe('126/STTTT-BCVT');
    expect(draft.issuedOn).toBe('2021-01-30');
    expect(draft.recipients).toHaveLength(6);
    expect(draft.tasks.map((t) => t.code)).toEqual(['1.1', '1.2', '1.3', '2.1', '2.2', '3.1', '3.2']);
    // Emails are not in a công văn: the draft says so.
    expect(warnings.some((w) => w.field.startsWith('recipients'))).toBe(true);
    expect(await scanAll()).toEqual([]);
  });

  it('answers empty text with 400 and a message naming the field', async () => {
    const response = await parse('   \n ');
    expect(response.statusCode).toBe(400);
    expect(parseJson(response)).toMatchObject({ error: 'ValidationError', issues: [{ path: 'text' }] });
  });

  it('refuses an anonymous caller', async () => {
    const response = await callIntake({
      routeKey: 'POST /api/directives/parse',
      path: '/api/directives/parse',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: seed }),
    });
    expect(response.statusCode).toBe(401);
  });
});

describe('filling the form from a draft', () => {
  it('picks the recipients the directory has, by name, and lists the others', async () => {
    const { draft } = parseJson<{ draft: Parameters<typeof draftToForm>[0] }>(await parse(seed));
    const directory = [
      { id: 'ca', name: 'Công an tỉnh', email: 'ca@x.vn', groups: [] },
      { id: 'el', name: 'CÔNG TY ĐIỆN LỰC GIA LAI', email: 'el@x.vn', groups: [] },
    ];
    const { values, checks } = draftToForm(draft, directory as never, 'key', '2021-01-30');
    expect(values.recipients.sort()).toEqual(['ca', 'el']);
    expect(checks.filter((c) => c.kind === 'recipient' && c.match.how === 'none')).toHaveLength(4);
    expect(values.number).toBe('126/STTTT-BCVT');
    const t13 = values.tasks.find((t) => t.code === '1.3');
    expect(t13).toMatchObject({
      assignees: ['ca'],
      deadlineDate: '2021-02-03',
      deadlineTime: '17:00',
      reportRequired: true,
    });
    expect(values.signer).toMatchObject({ name: 'Lê Thị Thu Hương', onBehalfOf: 'KT. GIÁM ĐỐC' });
  });
});
