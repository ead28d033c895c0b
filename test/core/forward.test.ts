import { describe, expect, it } from 'vitest';
import { escalationRecipients } from '#core/assignment/escalation.ts';
import { initialAssignment } from '#core/assignment/initial.ts';
import { type Directive, directiveInputSchema, type StoredDirective } from '#core/directive.ts';
import {
  canForward,
  childDirective,
  type ForwardForm,
  forwardForm,
  forwardRules,
  MAX_UNITS,
  rollUpOf,
} from '#core/forward.ts';
import { forwardedOfficeOf, OFFICE_ID, officeOf } from '#core/office.ts';
import { fieldProblemsOf } from '#core/problems.ts';
import { assignment, DEADLINE, hn } from './builders.ts';

/**
 * Forwarding to sub-units, the pure part: the form (units one a line, `Name <email>`, a problem naming its line),
 * the rules against the agency's own assignment (its tasks only, a date neither past nor after its own deadline),
 * the child directive (the agency's own leadership, so escalations reach it and not the issuing office) and the
 * roll-up from the child's counts.
 */

const parsed = (body: Record<string, unknown>) => forwardForm.safeParse(body);
const problemsOf = (body: Record<string, unknown>) => {
  const r = parsed(body);
  return r.success ? [] : fieldProblemsOf(r.error);
};

const PARENT = {
  id: 'P1',
  number: '126/STTTT-BCVT',
  issuer: 'Sở Thông tin và Truyền thông',
  subject: 'V/v rà soát hạ tầng',
  issuedOn: '2023-03-13',
  legalBases: [],
  body: 'Nội dung',
  tasks: [
    { code: '1', text: 'Rà soát trạm BTS', assignees: [], deadline: DEADLINE, reportRequired: true },
    { code: '2', text: 'Việc của đơn vị khác', assignees: [], deadline: DEADLINE, reportRequired: true },
  ],
} as unknown as StoredDirective;

const form = (over: Partial<ForwardForm> = {}): ForwardForm => ({
  taskCodes: ['1'],
  deadline: '2023-03-16',
  recipients: [
    { name: 'UBND xã A', email: 'a@xa.example' },
    { name: 'UBND xã B', email: 'b@xa.example' },
  ],
  ...over,
});

describe('the forward form', () => {
  it('reads units one a line, skipping blank lines, lower-casing addresses; one task or several', () => {
    const r = parsed({
      taskCodes: '1',
      deadline: '2023-03-16',
      recipients: 'UBND xã A <A@Xa.Example>\r\n\n  UBND xã B<b@xa.example>  ',
    });
    expect(r.success && r.data).toEqual({
      taskCodes: ['1'],
      deadline: '2023-03-16',
      recipients: [
        { name: 'UBND xã A', email: 'a@xa.example' },
        { name: 'UBND xã B', email: 'b@xa.example' },
      ],
    });
    const several = parsed({ taskCodes: ['1', '2', '1'], deadline: '2023-03-16', recipients: 'A <a@x.example>' });
    expect(several.success && several.data.taskCodes).toEqual(['1', '2']);
  });

  it('names the line of a unit that is not `Name <email>`, and of a repeated address', () => {
    const problems = problemsOf({
      taskCodes: '1',
      deadline: '2023-03-16',
      recipients: 'A <a@x.example>\nB không địa chỉ\nC <not-an-address>\nD <A@x.example>',
    });
    expect(problems).toEqual([
      expect.objectContaining({ path: 'recipients', code: 'forward.unitLine', params: { line: 2 } }),
      expect.objectContaining({ path: 'recipients', code: 'forward.unitLine', params: { line: 3 } }),
      expect.objectContaining({
        path: 'recipients',
        code: 'forward.unitDuplicate',
        params: { line: 4, email: 'a@x.example' },
      }),
    ]);
  });

  it('requires a task, a date and at least one unit, and at most MAX_UNITS', () => {
    const codes = problemsOf({ deadline: 'mai', recipients: '\n' }).map((p) => `${p.path}:${p.code}`);
    expect(codes).toEqual(['taskCodes:field.choose', 'deadline:field.day', 'recipients:field.required']);
    const many = Array.from({ length: MAX_UNITS + 1 }, (_, i) => `Xã ${i} <x${i}@x.example>`).join('\n');
    expect(problemsOf({ taskCodes: '1', deadline: '2023-03-16', recipients: many })).toEqual([
      expect.objectContaining({ code: 'forward.tooManyUnits' }),
    ]);
  });
});

describe('the rules of a forward', () => {
  const a = assignment('ACKNOWLEDGED', { taskCodes: ['1'] });
  const now = hn('2023-03-14 09:00');

  it('gives the units 17:00 on the date chosen, up to the agency’s own deadline', () => {
    expect(forwardRules(PARENT, a, form(), now)).toEqual({ problems: [], deadline: hn('2023-03-16 17:00') });
    expect(forwardRules(PARENT, a, form({ deadline: '2023-03-17' }), now)).toEqual({
      problems: [],
      deadline: DEADLINE,
    });
  });

  it('refuses a date after its own deadline, a past date, and a task that is not its own or already reported', () => {
    const after = forwardRules(PARENT, a, form({ deadline: '2023-03-18' }), now).problems;
    expect(after).toEqual([expect.objectContaining({ path: 'deadline', code: 'forward.afterOwnDeadline' })]);
    const past = forwardRules(PARENT, a, form({ deadline: '2023-03-13' }), now).problems;
    expect(past).toEqual([expect.objectContaining({ path: 'deadline', code: 'forward.datePast' })]);
    const other = forwardRules(PARENT, a, form({ taskCodes: ['1', '2'] }), now).problems;
    expect(other).toEqual([expect.objectContaining({ path: 'taskCodes', params: { taskCode: '2' } })]);
    const done = assignment('COMPLETED', { taskCodes: ['1'] });
    expect(forwardRules(PARENT, done, form(), now).problems).toEqual([
      expect.objectContaining({ code: 'forward.notOwnTask' }),
    ]);
  });

  it('is open to an assignment not yet forwarded and still open', () => {
    expect(canForward(a)).toBe(true);
    expect(canForward({ ...a, forwardedTo: 'C1' })).toBe(false);
    expect(canForward(assignment('CANCELLED'))).toBe(false);
  });
});

describe('the child directive', () => {
  const head = { name: 'Nguyễn Văn Chủ Tịch', email: 'chutich@huyen.example' };
  const a = assignment('ACKNOWLEDGED', { taskCodes: ['1'], recipientName: 'UBND huyện Chư Sê', recipientHead: head });
  const now = hn('2023-03-14 09:00');
  const child = directiveInputSchema.parse(childDirective(PARENT, a, form(), hn('2023-03-16 17:00'), now));
  const stored = { ...child, id: 'C1', createdAt: now, recipientCount: 2 } as unknown as Directive;

  it('is the same letter, issued by the agency to its units, with the tasks forwarded only', () => {
    expect(child).toMatchObject({
      number: PARENT.number,
      issuer: 'UBND huyện Chư Sê',
      issuedOn: '2023-03-14',
      subject: PARENT.subject,
      addressees: ['UBND xã A', 'UBND xã B'],
      recipients: [
        { id: 'dv-1', name: 'UBND xã A', email: 'a@xa.example' },
        { id: 'dv-2', name: 'UBND xã B', email: 'b@xa.example' },
      ],
      tasks: [{ code: '1', assignees: ['dv-1', 'dv-2'], deadline: hn('2023-03-16 17:00') }],
    });
  });

  it('escalates to the agency and its head, never to the issuing office’s leaders', () => {
    const unit = initialAssignment(stored, { id: 'dv-1', name: 'UBND xã A', email: 'a@xa.example' });
    expect(
      escalationRecipients(stored, unit, 1)
        .map((l) => l.email)
        .sort(),
    ).toEqual([a.recipientEmail, head.email].sort());
    expect(escalationRecipients(stored, unit, 2).map((l) => l.email)).toEqual([head.email]);
    const headless = directiveInputSchema.parse(
      childDirective(PARENT, { ...a, recipientHead: undefined }, form(), hn('2023-03-16 17:00'), now),
    );
    const alone = { ...headless, id: 'C2', createdAt: now, recipientCount: 2 } as unknown as Directive;
    for (const level of [1, 2])
      expect(escalationRecipients(alone, unit, level).map((l) => l.email)).toEqual([a.recipientEmail]);
  });

  it('belongs to an office of its own that no official can have', () => {
    const office = forwardedOfficeOf('01JH6Y6W8ZQ3M5X2C4V7B9N0PR', 'ubnd-chu-se');
    expect(office).toMatch(OFFICE_ID);
    expect(office).not.toBe(forwardedOfficeOf('01JH6Y6W8ZQ3M5X2C4V7B9N0PR', 'ubnd-pleiku'));
    expect(officeOf({ office })).toBe(officeOf({}));
  });
});

describe('the roll-up', () => {
  it('counts direct units from the child’s tally', () => {
    const tally = {
      inProgressOnTime: 1,
      inProgressOverdue: 1,
      completedOnTime: 2,
      completedLate: 1,
      cancelled: 1,
      acknowledged: 4,
    };
    expect(rollUpOf({ id: 'C1', recipientCount: 6, tally })).toEqual({
      directiveId: 'C1',
      total: 5,
      acknowledged: 4,
      completed: 3,
      overdue: 1,
    });
  });
});
