import type { OfficialEvent } from '../../shared/http/events.ts';
import { officialOf } from '../../shared/http/official.ts';
import { type HttpResult, json } from '../../shared/http/responses.ts';
import { parseDirectiveOrThrow } from '../../shared/parsing/index.ts';

/** Reads a pasted công văn into a draft of the create body; nothing is issued from it. */
export const parseRoute = async (event: OfficialEvent): Promise<HttpResult> => {
  officialOf(event);
  const body = (event.body ?? {}) as { text?: unknown };
  const { draft, warnings, unparsed } = parseDirectiveOrThrow(body.text);
  return json(200, { draft, warnings, unparsed });
};
