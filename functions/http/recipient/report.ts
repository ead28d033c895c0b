import { report } from '../../shared/domain/transitions.ts';
import type { PublicEvent } from '../../shared/http/events.ts';
import type { HttpResult } from '../../shared/http/responses.ts';
import { applyTransition } from '../../shared/storage/assignments.ts';
import { wake } from '../../shared/workflow.ts';
import { parseForm, reportForm } from './forms.ts';
import { openLink } from './open-link.ts';
import { refusalNotice } from './refusal.ts';
import { renderAfterAction } from './view.tsx';

export const reportLink = async (event: PublicEvent): Promise<HttpResult> => {
  const opened = await openLink(event);
  const form = parseForm(reportForm, event.body);
  const { directiveId, recipientId } = opened.claims;
  const result = await applyTransition(directiveId, recipientId, opened.now, (a) => report(a, opened.now, form));
  if (!result.applied) return refusalNotice(opened, result);
  await wake(result.assignment, opened.now);
  const completed = result.assignment.status === 'COMPLETED';
  return renderAfterAction(opened, result.assignment, {
    tone: 'ok',
    title: `Đã gửi báo cáo nhiệm vụ ${form.taskCode}`,
    text: completed
      ? 'Đơn vị đã hoàn thành mọi nhiệm vụ có yêu cầu báo cáo của công văn này.'
      : 'Cơ quan ban hành đã nhận được báo cáo.',
  });
};
