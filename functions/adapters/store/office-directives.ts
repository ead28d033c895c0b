import { config } from '#contracts/environment.ts';
import { byIssuer, byOffice, TABLE } from '#contracts/table.ts';
import { listIssuers, toDirective } from './directives.ts';
import { queryAll } from './query-all.ts';

type Range = { from: string; to: string };

/** Every page of one index query: newest first, a range of issue dates when given, up to `limit` when given. */
const queryIndex = async (
  index: typeof TABLE.byOffice | typeof TABLE.byIssuer,
  partition: string,
  options: { range?: Range; limit?: number; legacyOnly?: boolean },
) => {
  const items = await queryAll(
    {
      TableName: config().TABLE_NAME,
      IndexName: index.name,
      KeyConditionExpression: options.range ? '#pk = :pk AND #sk BETWEEN :from AND :to' : '#pk = :pk',
      // Directives stored before offices carry no `office`: only the default office's lists look for them.
      ...(options.legacyOnly ? { FilterExpression: 'attribute_not_exists(office)' } : {}),
      ExpressionAttributeNames: {
        '#pk': index.partitionKey,
        ...(options.range ? { '#sk': index.sortKey } : {}),
      },
      ExpressionAttributeValues: {
        ':pk': partition,
        ...(options.range ? { ':from': options.range.from, ':to': `${options.range.to}~` } : {}),
      },
      ScanIndexForward: false,
    },
    options.limit,
  );
  return items.map(toDirective);
};

/**
 * One office's directives (issued in `range` when given; the newest `limit` otherwise): a query of the by-office
 * index, and for the default office also the directives stored before offices existed, which only the
 * by-issuer index knows (filtered to those without an office).
 */
export const directivesOfOffice = async (
  office: string,
  options: { range?: Range; limit?: number; includeLegacy: boolean },
) => {
  const own = await queryIndex(TABLE.byOffice, byOffice(office, '', '').gsi2pk, options);
  if (!options.includeLegacy) return own;
  const legacy = await Promise.all(
    (await listIssuers()).map((issuer) =>
      queryIndex(TABLE.byIssuer, byIssuer(issuer, '', '').gsi1pk, { ...options, legacyOnly: true }),
    ),
  );
  return [...own, ...legacy.flat()];
};
