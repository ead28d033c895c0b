import { z } from 'zod';
import type { Applied } from '#adapters/store/assignments.ts';
import * as actions from '#app/actions.ts';
import { assignmentView } from '#app/views.ts';
import { ValidationError } from '#core/errors.ts';
import type { OfficialEvent } from '../../middleware/events.ts';
import { officialOf } from '../../middleware/official.ts';
import { type HttpResult, json } from '../responses.ts';

const parse = <T extends z.ZodType>(schema: T, body: unknown): z.infer<T> => {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw ValidationError.fromZod(parsed.error);
  return parsed.data;
};

/** "Already done" is a success for the caller: the state they asked for holds. */
const answer = (result: Applied): HttpResult => {
  const view = assignmentView(result.assignment, new Date().toISOString());
  if (result.applied) return json(200, { ...view, applied: true });
  if (result.refusal.refusal === 'ALREADY_DONE')
    return json(200, { ...view, applied: false, message: result.refusal.message });
  // A date that makes no sense is bad input, on the field that carries it.
  if (result.refusal.refusal === 'INVALID')
    throw new ValidationError([{ path: 'until', message: result.refusal.message }]);
  return json(409, { error: result.refusal.refusal, message: result.refusal.message });
};

const ids = (event: OfficialEvent) => ({
  id: event.pathParameters?.id ?? '',
  recipientId: event.pathParameters?.recipientId ?? '',
});

export const cancelDirectiveRoute = async (event: OfficialEvent): Promise<HttpResult> => {
  const { reason } = parse(z.object({ reason: z.string().max(2000).optional() }), event.body);
  const cancelled = await actions.cancelDirective(ids(event).id, officialOf(event), reason);
  return json(200, { id: ids(event).id, cancelled });
};

export const cancelAssignmentRoute = async (event: OfficialEvent): Promise<HttpResult> => {
  const { reason } = parse(z.object({ reason: z.string().max(2000).optional() }), event.body);
  const { id, recipientId } = ids(event);
  return answer(await actions.cancelAssignment(id, recipientId, officialOf(event), reason));
};

const extension = z.object({
  decision: z.enum(['grant', 'refuse']),
  taskCode: z.string().min(1).optional(),
  until: z.iso
    .datetime({ offset: true })
    .transform((v) => new Date(v).toISOString())
    .optional(),
  reason: z.string().max(2000).optional(),
});

export const extensionRoute = async (event: OfficialEvent): Promise<HttpResult> => {
  const input = parse(extension, event.body);
  const { id, recipientId } = ids(event);
  const official = officialOf(event);
  if (input.decision === 'refuse')
    return answer(await actions.refuseExtension(id, recipientId, official, input.reason, input.taskCode));
  if (!input.taskCode || !input.until)
    throw new ValidationError([
      ...(input.taskCode ? [] : [{ path: 'taskCode', message: 'Mã nhiệm vụ: bắt buộc khi gia hạn' }]),
      ...(input.until ? [] : [{ path: 'until', message: 'Hạn mới: bắt buộc khi gia hạn' }]),
    ]);
  return answer(
    await actions.grantExtension(id, recipientId, { taskCode: input.taskCode, until: input.until }, official),
  );
};

export const resendRoute = async (event: OfficialEvent): Promise<HttpResult> => {
  const { id, recipientId } = ids(event);
  return answer(await actions.resendLink(id, recipientId, officialOf(event)));
};
