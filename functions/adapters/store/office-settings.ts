import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '#contracts/environment.ts';
import { officeSettingsKey } from '#contracts/table.ts';
import { type OfficeSettings, officeSettingsSchema } from '#core/office-settings.ts';
import { dynamo } from '../clients/dynamo.ts';

/** An office's settings; an office that never saved any has the defaults (every phone channel off). */
export const getOfficeSettings = async (office: string): Promise<OfficeSettings> => {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: config().TABLE_NAME, Key: officeSettingsKey(office), ConsistentRead: true }),
  );
  const { pk: _pk, sk: _sk, ...stored } = Item ?? {};
  const parsed = officeSettingsSchema.safeParse(stored);
  return parsed.success ? parsed.data : officeSettingsSchema.parse({});
};

export const putOfficeSettings = async (office: string, settings: OfficeSettings, by: string, now: string) => {
  await dynamo.send(
    new PutCommand({
      TableName: config().TABLE_NAME,
      Item: { ...officeSettingsKey(office), ...settings, updatedBy: by, updatedAt: now },
    }),
  );
};
