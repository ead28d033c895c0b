import * as z from 'zod/mini';
import type { NoticeChannel } from './assignment/model.ts';

/**
 * An office's settings: which phone channels its directives use beside the email. Both off until the office turns
 * them on (a notice costs money per message, and an office decides what its agencies receive). A form's checkbox
 * is "on" when ticked and absent otherwise.
 */
const box = z.pipe(
  z.optional(z.union([z.boolean(), z.string()])),
  z.transform((v: boolean | string | undefined) => v === true || v === 'on' || v === 'true' || v === '1'),
);

export const officeSettingsSchema = z.object({
  channels: z._default(z.object({ sms: box, zalo: box }), { sms: false, zalo: false }),
});

export type OfficeSettings = { channels: { sms: boolean; zalo: boolean } };

/** The channels the settings enable, in a fixed order: what a directive issued now copies. */
export const enabledChannels = (settings: OfficeSettings): NoticeChannel[] =>
  (['sms', 'zalo'] as const).filter((c) => settings.channels[c]);
