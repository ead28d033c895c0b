import { z } from 'zod';
import { isReservedKey, RECIPIENT_ID } from './directive.ts';

/** An agency of the directory: who directives go to, the groups it belongs to, and its head for escalations. */
const optional = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label}: tối đa ${max} ký tự` })
    .optional()
    .transform((v) => (v ? v : undefined));

export const agencySchema = z.object({
  id: z
    .string({ error: 'Mã đơn vị: bắt buộc nhập' })
    .trim()
    .regex(RECIPIENT_ID, { error: 'Mã đơn vị: chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang (tối đa 64 ký tự)' })
    .refine((v) => !isReservedKey(v), { error: 'Mã đơn vị: tên này được dành riêng, vui lòng chọn mã khác' }),
  name: z.string({ error: 'Tên đơn vị: bắt buộc nhập' }).trim().min(1, { error: 'Tên đơn vị: bắt buộc nhập' }).max(300),
  email: z
    .string({ error: 'Email: bắt buộc nhập' })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: 'Email: địa chỉ email không hợp lệ' })),
  groups: z.array(z.string().trim().min(1).max(200)).max(20).default([]),
  phone: optional('Điện thoại', 40),
  headName: optional('Thủ trưởng', 200),
  headEmail: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(z.email({ error: 'Email thủ trưởng: địa chỉ email không hợp lệ' }).optional()),
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
