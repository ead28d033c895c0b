import { parseDirectiveOrThrow } from '#parsing/index.ts';
import type { OfficialEvent } from '../../middleware/events.ts';
import { officialOf } from '../../middleware/official.ts';
import { type HttpResult, json } from '../responses.ts';

/** Reads a pasted công văn into a draft of the create body; nothing is issued from it. */
export const parseRoute = async (event: OfficialEvent): Promise<HttpResult> => {
  officialOf(event);
  const body = (event.body ?? {}) as { text?: unknown };
  const { draft, warnings, unparsed } = parseDirectiveOrThrow(body.text);
  return json(200, { draft, warnings, unparsed });
};
