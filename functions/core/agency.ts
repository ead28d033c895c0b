import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import * as z from 'zod/mini';
import type { Field } from '#contracts/problems.ts';
import { isReservedKey, RECIPIENT_ID } from './directive.ts';
import { says } from './problems.ts';

/** An agency of the directory: who directives go to, the groups it belongs to, and its head for escalations. */
const optional = (field: Field, max: number) =>
  z.pipe(
    z.optional(z.string().check(z.trim(), z.maxLength(max, says('field.tooLong', { field, max })))),
    z.transform((v: string | undefined) => (v ? v : undefined)),
  );

/** An address as typed: trimmed and lower-cased before it is checked, so that one mailbox is one spelling. */
export const emailField = (field: Field) =>
  z.pipe(
    z
      .string(says('field.required', { field }))
      .check(z.trim(), z.toLowerCase(), z.maxLength(254, says('field.tooLong', { field, max: 254 }))),
    z.email(says('field.email', { field })),
  );

/**
 * A Vietnamese phone number as people write it (spaces, dots, dashes, brackets; 0, +84 or 0084 first), checked
 * against the numbering plan by libphonenumber-js (its `min` metadata: lengths and leading digits, 80 KB rather
 * than the full set's 145) and kept in its one E.164 spelling `+84…`, the form SMS and Zalo providers take.
 * Numbers of another country are refused: the notices go through Vietnamese providers only.
 */
export const phoneNumber = (value: string): string | undefined => {
  const parsed = parsePhoneNumberFromString(value, 'VN');
  return parsed?.country === 'VN' && parsed.isValid() ? parsed.number : undefined;
};

export const phoneField = (field: Field) =>
  z.pipe(
    z.string().check(
      z.trim(),
      z.maxLength(40, says('field.tooLong', { field, max: 40 })),
      z.refine((v) => v === '' || phoneNumber(v) !== undefined, says('field.phone', { field })),
    ),
    z.transform((v: string) => (v === '' ? undefined : phoneNumber(v))),
  );

/**
 * A box of a form ("on") or a CSV cell ("1", "x", "có", "true"…) that says yes; absent, empty or "0"/"không" is no.
 * Stored only when set, so that an agency without it stays as small as before.
 */
const YES = new Set(['1', 'on', 'true', 'x', 'yes', 'y', 'có', 'co']);
export const flagField = z.pipe(
  z.optional(z.union([z.boolean(), z.string()])),
  z.transform((v: boolean | string | undefined) =>
    v === true || (typeof v === 'string' && YES.has(v.trim().toLowerCase())) ? true : undefined,
  ),
);

export const agencySchema = z.object({
  id: z.string(says('field.required', { field: 'agencyId' })).check(
    z.trim(),
    z.regex(RECIPIENT_ID, says('agencyId.format')),
    z.refine((v) => !isReservedKey(v), says('field.reserved', { field: 'agencyId' })),
  ),
  name: z
    .string(says('field.required', { field: 'agencyName' }))
    .check(z.trim(), z.minLength(1, says('field.required', { field: 'agencyName' })), z.maxLength(300)),
  email: z.pipe(
    z.string(says('field.required', { field: 'directoryEmail' })).check(z.trim(), z.toLowerCase()),
    z.email(says('field.email', { field: 'directoryEmail' })),
  ),
  groups: z._default(z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))).check(z.maxLength(20)), []),
  phone: z.optional(phoneField('directoryPhone')),
  /** The agency asked for no SMS, or no Zalo, notices: it gets the email only by those channels. */
  noSms: z.optional(flagField),
  noZalo: z.optional(flagField),
  headName: optional('directoryHeadName', 200),
  /** Where a first-level escalation's phone notice reaches the head. */
  headPhone: z.optional(phoneField('directoryHeadPhone')),
  headEmail: z.pipe(
    z.pipe(
      z.optional(z.string().check(z.trim(), z.toLowerCase())),
      z.transform((v: string | undefined) => (v ? v : undefined)),
    ),
    z.optional(z.email(says('field.email', { field: 'directoryHeadEmail' }))),
  ),
});

export type Agency = z.infer<typeof agencySchema>;

/** "a; b ;c" → ["a", "b", "c"]: how groups are typed in a form field or a CSV cell. */
export const splitGroups = (value: unknown) =>
  String(value ?? '')
    .split(';')
    .map((g) => g.trim())
    .filter(Boolean);

/** The directory's groups ("UBND cấp huyện"…), each with its agencies. */
export const groupsOf = (agencies: Agency[]) => {
  const groups = new Map<string, Agency[]>();
  for (const a of agencies) for (const g of a.groups) groups.set(g, [...(groups.get(g) ?? []), a]);
  return groups;
};
