import { directivesOf, listIssuers } from '#adapters/store/directives.ts';
import { directiveSummary } from '#app/views.ts';
import type { OfficialEvent } from '../../middleware/events.ts';
import { officialOf } from '../../middleware/official.ts';
import { type HttpResult, json } from '../responses.ts';

/** Newest first, with the counts per status kept on each directive: no assignment is read. */
export const listDirectives = async (event: OfficialEvent): Promise<HttpResult> => {
  officialOf(event);
  const issuer = event.queryStringParameters?.issuer;
  const issuers = issuer ? [issuer] : await listIssuers();
  const lists = await Promise.all(issuers.map((i) => directivesOf(i)));
  const directives = lists
    .flat()
    .sort((a, b) => b.issuedOn.localeCompare(a.issuedOn) || b.createdAt.localeCompare(a.createdAt))
    .map(directiveSummary);
  return json(200, { directives });
};
