import { z } from 'zod';
import type { Field } from '#contracts/problems.ts';
import { isReservedKey, RECIPIENT_ID } from './directive.ts';
import { says } from './problems.ts';

/** An agency of the directory: who directives go to, the groups it belongs to, and its head for escalations. */
const optional = (field: Field, max: number) =>
  z
    .string()
    .trim()
    .max(max, says('field.tooLong', { field, max }))
    .optional()
    .transform((v) => (v ? v : undefined));

export const agencySchema = z.object({
  id: z
    .string(says('field.required', { field: 'agencyId' }))
    .trim()
    .regex(RECIPIENT_ID, says('agencyId.format'))
    .refine((v) => !isReservedKey(v), says('field.reserved', { field: 'agencyId' })),
  name: z
    .string(says('field.required', { field: 'agencyName' }))
    .trim()
    .min(1, says('field.required', { field: 'agencyName' }))
    .max(300),
  email: z
    .string(says('field.required', { field: 'directoryEmail' }))
    .trim()
    .toLowerCase()
    .pipe(z.email(says('field.email', { field: 'directoryEmail' }))),
  groups: z.array(z.string().trim().min(1).max(200)).max(20).default([]),
  phone: optional('directoryPhone', 40),
  headName: optional('directoryHeadName', 200),
  headEmail: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(z.email(says('field.email', { field: 'directoryHeadEmail' })).optional()),
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
