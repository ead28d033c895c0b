import { DateTime } from 'luxon';
import { z } from 'zod';
import { ValidationError } from '../../shared/errors.ts';
import { ZONE } from '../../shared/time.ts';

export const reportForm = z.object({
  taskCode: z.string({ error: 'Nhiệm vụ: bắt buộc chọn' }).trim().min(1, { error: 'Nhiệm vụ: bắt buộc chọn' }),
  summary: z
    .string({ error: 'Nội dung báo cáo: bắt buộc nhập' })
    .trim()
    .min(1, { error: 'Nội dung báo cáo: bắt buộc nhập' })
    .max(10_000, { error: 'Nội dung báo cáo: tối đa 10.000 ký tự' }),
});

/** A requested date means the end of that working day in Hà Nội. */
const endOfWorkingDay = (ymd: string) =>
  DateTime.fromISO(ymd, { zone: ZONE }).set({ hour: 17, minute: 0, second: 0, millisecond: 0 }).toUTC().toISO() ?? '';

export const extensionForm = z.object({
  taskCode: z.string({ error: 'Nhiệm vụ: bắt buộc chọn' }).trim().min(1, { error: 'Nhiệm vụ: bắt buộc chọn' }),
  until: z.iso.date({ error: 'Gia hạn đến ngày: cần ngày hợp lệ' }).transform(endOfWorkingDay),
  reason: z
    .string({ error: 'Lý do: bắt buộc nhập' })
    .trim()
    .min(1, { error: 'Lý do: bắt buộc nhập' })
    .max(2000, { error: 'Lý do: tối đa 2.000 ký tự' }),
});

export const parseForm = <T extends z.ZodType>(schema: T, body: unknown): z.infer<T> => {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw ValidationError.fromZod(parsed.error);
  return parsed.data;
};
