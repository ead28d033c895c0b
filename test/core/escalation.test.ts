import { describe, expect, it } from 'vitest';
import { escalationRecipients } from '#core/assignment/escalation.ts';
import { initialAssignment } from '#core/assignment/initial.ts';
import type { Assignment } from '#core/assignment/model.ts';
import { type Directive, type DirectiveBody, directiveInputSchema, type Leader } from '#core/directive.ts';
import { hn } from './builders.ts';

/**
 * Who hears of a missed deadline. Level 1: the signer (a leader named as the signer, or marked SIGNER, or the
 * signer's own address) and the late agency's head; level 2: the director (role DIRECTOR, or a title that
 * begins "Giám đốc", which "Phó Giám đốc" does not). A directive that names none of them falls back to all
 * its leaders (level 1) or its first leader (level 2).
 */

const DIRECTOR: Leader = { name: 'Trần Văn Giám', title: 'Giám đốc Sở', email: 'gd@stttt.example.gov.vn' };
const DEPUTY: Leader = { name: 'Lê Thị Phó', title: 'Phó Giám đốc Sở', email: 'pgd@stttt.example.gov.vn' };
const CHIEF: Leader = { name: 'Phạm Văn Chánh', title: 'Chánh Văn phòng', email: 'cvp@stttt.example.gov.vn' };
const HEAD = { name: 'Nguyễn Thủ Trưởng', email: 'giamdoc@syt.example.gov.vn', phone: '0269 3824 111' };

type Options = {
  leadership?: Leader[];
  signer?: DirectiveBody['signer'];
  /** `null`: the directory has no head for the agency. */
  head?: { name?: string; email?: string; phone?: string } | null;
};

/** A directive as issued (through its schema) and the one recipient's assignment from `initialAssignment`. */
const issued = ({ leadership = [DIRECTOR, DEPUTY, CHIEF], signer, head = HEAD }: Options = {}) => {
  const input = directiveInputSchema.parse({
    number: '126/STTTT-BCVT',
    issuer: 'Sở Thông tin và Truyền thông',
    issuedOn: '2021-01-30',
    subject: 'Đảm bảo thông tin liên lạc',
    signer: signer ?? { name: DEPUTY.name, title: 'Phó Giám đốc', onBehalfOf: 'KT. GIÁM ĐỐC' },
    leadership,
    recipients: [{ id: 'so-y-te', name: 'Sở Y tế', email: 'syt@example.gov.vn', ...(head ? { head } : {}) }],
    tasks: [{ code: '1', text: 'Báo cáo', assignees: ['so-y-te'], deadline: '2021-02-03T17:00:00+07:00' }],
  });
  const { recipients, allowDuplicateNumber: _, ...rest } = input;
  const directive: Directive = { ...rest, id: 'd-126', createdAt: hn('2021-01-30 10:00'), recipientCount: 1 };
  const [recipient] = recipients;
  if (!recipient) throw new Error('no recipient');
  return { directive, assignment: initialAssignment(directive, recipient) };
};

const emailsAt = (level: number, options?: Options, tweak?: (a: Assignment) => Assignment) => {
  const { directive, assignment } = issued(options);
  return escalationRecipients(directive, tweak ? tweak(assignment) : assignment, level).map((p) => p.email);
};

describe('level 1: the signer and the late agency’s head', () => {
  const rows: { name: string; options?: Options; expected: string[] }[] = [
    {
      name: 'the signer is a leader (by name) and the agency has a head',
      expected: [DEPUTY.email, HEAD.email],
    },
    {
      name: 'the name matches whatever the case, spacing and Unicode form',
      options: { signer: { name: `  ${DEPUTY.name.toUpperCase().normalize('NFD')} `, title: 'Phó Giám đốc' } },
      expected: [DEPUTY.email, HEAD.email],
    },
    {
      name: 'a leader marked SIGNER, the signer named otherwise',
      options: {
        leadership: [DIRECTOR, DEPUTY, { ...CHIEF, role: 'SIGNER' }],
        signer: { name: 'Người Khác', title: 'Chánh Văn phòng', onBehalfOf: 'TL. GIÁM ĐỐC' },
      },
      expected: [CHIEF.email, HEAD.email],
    },
    {
      name: 'both a leader by name and one marked SIGNER, in the order of the list',
      options: { leadership: [{ ...CHIEF, role: 'SIGNER' }, DIRECTOR, DEPUTY] },
      expected: [CHIEF.email, DEPUTY.email, HEAD.email],
    },
    {
      name: 'the signer is no leader but has an address of their own',
      options: { signer: { name: 'Võ Văn Ký', title: 'Phó Giám đốc', email: 'ky@stttt.example.gov.vn' } },
      expected: ['ky@stttt.example.gov.vn', HEAD.email],
    },
    {
      name: 'the agency has no head in the directory: the signer alone',
      options: { head: null },
      expected: [DEPUTY.email],
    },
    {
      name: 'a head without an address is not reachable: the signer alone',
      options: { head: { name: HEAD.name } },
      expected: [DEPUTY.email],
    },
    {
      name: 'the head is the signer (same address, other case): once',
      options: { head: { name: DEPUTY.name, email: DEPUTY.email.toUpperCase() } },
      expected: [DEPUTY.email],
    },
    {
      name: 'no signer among the leaders, no signer address, no head: every leader',
      options: { signer: { name: 'Võ Văn Ký', title: 'Phó Giám đốc' }, head: { name: HEAD.name } },
      expected: [DIRECTOR.email, DEPUTY.email, CHIEF.email],
    },
  ];
  it.each(rows)('$name', ({ options, expected }) => {
    expect(emailsAt(1, options)).toEqual(expected);
  });

  it("the head is named as the directory has it, with the phone to call; the agency's name when it has none", () => {
    const { directive, assignment } = issued();
    expect(escalationRecipients(directive, assignment, 1)[1]).toMatchObject({
      name: HEAD.name,
      email: HEAD.email,
      phone: HEAD.phone,
    });
    const unnamed = escalationRecipients(directive, { ...assignment, recipientHead: { email: HEAD.email } }, 1)[1];
    expect(unnamed?.email).toBe(HEAD.email);
    expect(unnamed?.name).toContain('Sở Y tế');
  });

  it('the head is read from the assignment as stored (a later directory change is not retroactive)', () => {
    expect(emailsAt(1, {}, (a) => ({ ...a, recipientHead: { email: 'moi@syt.example.gov.vn' } }))).toEqual([
      DEPUTY.email,
      'moi@syt.example.gov.vn',
    ]);
  });
});

describe('level 2: the director', () => {
  const rows: { name: string; options?: Options; level?: number; expected: string[] }[] = [
    { name: 'the leader titled "Giám đốc …" (not "Phó Giám đốc")', expected: [DIRECTOR.email] },
    {
      name: 'the title in lower case, with spaces',
      options: { leadership: [DEPUTY, { ...DIRECTOR, title: '  giám đốc sở' }] },
      expected: [DIRECTOR.email],
    },
    {
      name: 'a leader marked DIRECTOR too, in the order of the list',
      options: { leadership: [{ ...CHIEF, role: 'DIRECTOR' }, DEPUTY, DIRECTOR] },
      expected: [CHIEF.email, DIRECTOR.email],
    },
    {
      name: 'no director: the first leader',
      options: { leadership: [CHIEF, DEPUTY] },
      expected: [CHIEF.email],
    },
    {
      name: 'the agency head is not copied at level 2',
      expected: [DIRECTOR.email],
    },
    { name: 'a level above 2 goes to the director too', level: 3, expected: [DIRECTOR.email] },
  ];
  it.each(rows)('$name', ({ options, level = 2, expected }) => {
    expect(emailsAt(level, options)).toEqual(expected);
  });
});

describe('a title typed in decomposed Unicode (NFD) is recognised as the director', () => {
  // A "Giám đốc" typed or pasted as NFD once missed level 2 (titles were matched on the raw text), which fell
  // back to the first leader.
  it('level 2 reaches the director whatever the Unicode form of the title', () => {
    const director = { ...DIRECTOR, title: DIRECTOR.title.normalize('NFD') };
    expect(emailsAt(2, { leadership: [DEPUTY, director] })).toEqual([DIRECTOR.email]);
  });
});
