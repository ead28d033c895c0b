import { configuredChannels } from '#adapters/notices/index.ts';
import { getOfficeSettings, putOfficeSettings } from '#adapters/store/office-settings.ts';
import { ValidationError } from '#core/errors.ts';
import { assertCanAct, officeOf } from '#core/office.ts';
import { officeSettingsSchema } from '#core/office-settings.ts';
import type { Official } from '#core/official.ts';

/** The official's office's settings, and which channels this deployment can send through at all. */
export const settingsOf = async (official: Official) => ({
  settings: await getOfficeSettings(officeOf(official)),
  configured: configuredChannels(),
});

/** Saves the office's settings from the form; the province only reads (403). */
export const saveSettings = async (official: Official, form: Record<string, unknown>) => {
  assertCanAct(official);
  const parsed = officeSettingsSchema.safeParse({ channels: { sms: form.sms, zalo: form.zalo } });
  if (!parsed.success) throw ValidationError.fromZod(parsed.error);
  await putOfficeSettings(officeOf(official), parsed.data, official.email ?? official.id, new Date().toISOString());
  return parsed.data;
};
