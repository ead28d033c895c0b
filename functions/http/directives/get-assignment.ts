import { NotFoundError } from '../../shared/errors.ts';
import type { OfficialEvent } from '../../shared/http/events.ts';
import { officialOf } from '../../shared/http/official.ts';
import { type HttpResult, json } from '../../shared/http/responses.ts';
import { getAssignment } from '../../shared/storage/assignments.ts';
import { fullHistoryOf } from '../../shared/storage/history.ts';
import { submissionsOf } from '../../shared/storage/submissions.ts';
import { assignmentView } from '../../shared/views.ts';

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
