import { beforeEach, describe, expect, it } from 'vitest';
import { OFFICIAL_PAGES } from '#contracts/routes.ts';
import { handler as officialPages } from '#handlers/http/official-pages.tsx';
import { lambdaContext } from '../support/events.ts';
import {
  directiveBody,
  getRaw,
  httpEvent,
  OFFICIAL,
  parseJson,
  postDirective,
  resetMocks,
  scanAll,
} from './support/harness.ts';

beforeEach(() => resetMocks());

/** 5,000 agencies with ids as long as real ones (28 characters). */
const agencies = Array.from({ length: 5000 }, (_, i) => ({
  id: `ubnd-xa-${String(i).padStart(5, '0')}-gia-lai-tinh`,
  name: `Ủy ban nhân dân xã số ${i + 1}`,
  email: `xa${i + 1}@gialai.example`,
}));

describe('a directive to 5,000 agencies', () => {
  let stored = '';
  it('is stored with three tasks for everyone: the directive item keeps no assignee lists', async () => {
    const base = directiveBody();
    const ids = agencies.map((a) => a.id);
    const body = {
      ...base,
      recipients: agencies,
      tasks: ['1', '2', '3'].map((code) => ({ code, text: `Nhiệm vụ ${code}`, assignees: ids, reportRequired: true })),
    };
    const response = await postDirective(body, { key: 'five-thousand' });
    expect(response.statusCode, response.body).toBe(201);
    const { id } = parseJson<{ id: string }>(response);
    const item = await getRaw(`DIR#${id}`, 'DIRECTIVE');
    expect(Buffer.byteLength(JSON.stringify(item))).toBeLessThan(100 * 1024);
    const last = await getRaw(`DIR#${id}`, `ASG#${ids[4999]}`);
    expect(last?.taskCodes).toEqual(['1', '2', '3']);
    stored = id;
  }, 120_000);

  it('prints its status sheet (GET /directives/{id}/print): every agency on one page, read without histories', async () => {
    expect(stored).not.toBe('');
    const started = performance.now();
    const answer = (await officialPages(
      httpEvent({ routeKey: OFFICIAL_PAGES.print, pathParameters: { id: stored }, claims: { ...OFFICIAL } }) as never,
      lambdaContext,
    )) as { statusCode: number; body: string };
    const ms = Math.round(performance.now() - started);
    expect(answer.statusCode).toBe(200);
    expect(answer.body.match(/<td class="n">/g)?.length).toBe(5000);
    expect(answer.body).toContain('<td class="n">5000</td>');
    // Under Lambda's 6 MB answer with room to spare.
    expect(Buffer.byteLength(answer.body)).toBeLessThan(3 * 1024 * 1024);
    console.info(`status sheet of 5,000 agencies: ${ms} ms, ${Buffer.byteLength(answer.body)} bytes`);
  }, 120_000);

  it('refuses a directive too long to store, naming the field, and stores nothing', async () => {
    const base = directiveBody();
    const long = 'Nội dung rất dài. '.repeat(280);
    const body = {
      ...base,
      body: 'x'.repeat(90_000),
      tasks: Array.from({ length: 60 }, (_, i) => ({
        code: `${i + 1}`,
        text: long,
        assignees: [base.recipients[0]?.id ?? ''],
        reportRequired: false,
      })),
    };
    const before = (await scanAll()).length;
    const response = await postDirective(body, { key: 'too-long', claims: OFFICIAL });
    expect(response.statusCode).toBe(400);
    expect(parseJson<{ issues: { path: string }[] }>(response).issues.map((i) => i.path)).toContain('body');
    expect((await scanAll()).length).toBe(before);
  });
});
