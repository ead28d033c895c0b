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
  phone: optional('directoryPhone', 40),
  headName: optional('directoryHeadName', 200),
  headEmail: z.pipe(
    z.pipe(
      z.optional(z.string().check(z.trim(), z.toLowerCase())),
      z.transform((v: string | undefined) => (v ? v : undefined)),
    ),
    z.optional(z.email(says('field.email', { field: 'directoryHeadEmail' }))),
  ),
});

export type Agency = z.infer<typeof agencySchema>;

/** An address as typed: trimmed and lower-cased before it is checked, so that one mailbox is one spelling. */
export const emailField = (field: Field) =>
  z.pipe(
    z
      .string(says('field.required', { field }))
      .check(z.trim(), z.toLowerCase(), z.maxLength(254, says('field.tooLong', { field, max: 254 }))),
    z.email(says('field.email', { field })),
  );

/**
 * A Vietnamese phone number as people write it (spaces, dots, dashes, brackets; 0 or +84 first): a mobile
 * (0 + 9 digits) or a landline (0 + area code + number, 10 or 11 digits). Kept in the one spelling `+84…`.
 */
export const phoneField = (field: Field) =>
  z.pipe(
    z
      .pipe(
        z.string().check(z.trim(), z.maxLength(40, says('field.tooLong', { field, max: 40 }))),
        z.transform((v: string) => v.replace(/[\s.\-()]/g, '')),
      )
      .check(z.refine((v) => v === '' || /^(?:\+84|0084|0)[1-9]\d{8,9}$/.test(v), says('field.phone', { field }))),
    z.transform((v: string) => (v === '' ? undefined : `+84${v.replace(/^(?:\+84|0084|0)/, '')}`)),
  );

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
