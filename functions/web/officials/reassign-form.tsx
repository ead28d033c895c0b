import { OFFICIAL_PAGES, pathTo } from '#contracts/routes.ts';
import type { Assignment } from '#core/assignment/model.ts';
import { type Lang, messages } from '../i18n/index.ts';
import { PostForm } from '../post-form.tsx';

/**
 * Moves one agency's assignment to another address. Folded in a <details> so that the actions cell stays short;
 * `fromEmail` is the address this page showed, so that two officials moving it at once cannot both win.
 */
export const ReassignForm = ({
  lang,
  directiveId,
  assignment: a,
  back,
}: {
  lang: Lang;
  directiveId: string;
  assignment: Pick<Assignment, 'recipientId' | 'recipientEmail'>;
  /** The dashboard's view to come back to (its query string). */
  back?: string;
}) => {
  const m = messages(lang).directive;
  const id = (s: string) => `${s}-${a.recipientId}`;
  return (
    <details>
      <summary>{m.reassign}</summary>
      <PostForm action={pathTo(OFFICIAL_PAGES.action, { id: directiveId })} data-confirm={m.reassignConfirm}>
        <input type="hidden" name="recipientId" value={a.recipientId} />
        <input type="hidden" name="fromEmail" value={a.recipientEmail} />
        {back !== undefined && <input type="hidden" name="back" value={back} />}
        <label for={id('reassign-email')}>{m.reassignEmail}</label>
        <input id={id('reassign-email')} type="email" name="email" required maxLength={254} />
        <label for={id('reassign-name')}>{m.reassignName}</label>
        <input id={id('reassign-name')} type="text" name="name" maxLength={300} />
        <button type="submit" name="action" value="reassign" class="secondary">
          {m.reassignSubmit}
        </button>
      </PostForm>
    </details>
  );
};
