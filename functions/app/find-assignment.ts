import { getAssignment } from '#adapters/store/assignments.ts';
import { NotFoundError } from '#core/errors.ts';

/**
 * The assignment, or undefined when it is gone: a step has nothing left to track then. Its own file, apart from
 * deliver.ts, so that the steps which only read an assignment (sweep, recover, renew, await) do not bundle the
 * mail stack (SES, the MIME composer, the email documents) that delivering needs.
 */
export const findAssignment = async (directiveId: string, recipientId: string) => {
  try {
    return await getAssignment(directiveId, recipientId);
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
};
