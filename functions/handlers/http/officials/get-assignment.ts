import { getAssignment } from '#adapters/store/assignments.ts';
import { fullHistoryOf } from '#adapters/store/history.ts';
import { submissionsOf } from '#adapters/store/submissions.ts';
import { assignmentView } from '#app/views.ts';
import { NotFoundError } from '#core/errors.ts';
import type { OfficialEvent } from '../../middleware/events.ts';
import { officialOf } from '../../middleware/official.ts';
import { type HttpResult, json } from '../responses.ts';

/**
 * One recipient's assignment with its full history (archived chunks included) and what it wrote: the timeline of
 * the dashboard, and what tests check.
 */
export const getAssignmentWithHistory = async (event: OfficialEvent): Promise<HttpResult> => {
  officialOf(event);
  const { id, recipientId } = event.pathParameters ?? {};
  if (!id || !recipientId) throw new NotFoundError('Không tìm thấy');
  const a = await getAssignment(id, recipientId);
  const [submissions, history] = await Promise.all([submissionsOf(id, recipientId), fullHistoryOf(a)]);
  return json(200, { ...assignmentView(a, new Date().toISOString(), submissions), history });
};
