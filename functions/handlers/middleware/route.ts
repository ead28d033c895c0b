import * as z from 'zod/mini';
import { problem } from '#contracts/problems.ts';
import { NotFoundError, ValidationError } from '#core/errors.ts';
import type { HttpResult } from '../http/responses.ts';

/**
 * One route of a Lambda: what it reads from the request (path parameters, query, body), each checked by its
 * zod schema before the route runs, so that no route reads raw input. A body or query that does not fit is a
 * 400 naming the field; path parameters that do not fit name nothing that exists (404).
 */
type Schemas = { path?: z.ZodMiniType; query?: z.ZodMiniType; body?: z.ZodMiniType };
type Read<S extends Schemas, K extends keyof Schemas> = S[K] extends z.ZodMiniType ? z.infer<S[K]> : undefined;
export type RouteInput<S extends Schemas, E> = {
  event: E;
  path: Read<S, 'path'>;
  query: Read<S, 'query'>;
  body: Read<S, 'body'>;
};

type Readable = {
  pathParameters?: Record<string, string | undefined> | undefined;
  queryStringParameters?: Record<string, string | undefined> | undefined;
  body?: unknown;
};

const parse = (schema: z.ZodMiniType | undefined, value: unknown) => {
  if (!schema) return { ok: true as const, data: undefined };
  const parsed = schema.safeParse(value);
  return parsed.success ? { ok: true as const, data: parsed.data } : { ok: false as const, error: parsed.error };
};

export const route =
  <S extends Schemas, E extends Readable>(schemas: S, run: (input: RouteInput<S, E>) => Promise<HttpResult>) =>
  async (event: E): Promise<HttpResult> => {
    const path = parse(schemas.path, event.pathParameters ?? {});
    if (!path.ok) throw new NotFoundError(problem('route.notFound'));
    const query = parse(schemas.query, event.queryStringParameters ?? {});
    const body = parse(schemas.body, event.body ?? {});
    const issues = [query, body].flatMap((r) => (r.ok ? [] : ValidationError.fromZod(r.error).issues));
    if (issues.length > 0) throw new ValidationError(issues);
    return run({ event, path: path.data, query: query.data, body: body.data } as RouteInput<S, E>);
  };

/** The route of a request, by its route key as an own property only. */
export const routeOf = <T extends Record<string, unknown>>(routes: T, routeKey: string) =>
  Object.hasOwn(routes, routeKey) ? routes[routeKey as keyof T] : undefined;

/** Path parameters as the routes of this app name them. */
export const directivePath = z.object({ id: z.string().check(z.minLength(1), z.maxLength(64)) });
export const assignmentPath = z.extend(directivePath, {
  recipientId: z.string().check(z.minLength(1), z.maxLength(64)),
});
