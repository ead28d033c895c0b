import { digest } from '#app/digest.ts';
import { scheduledInput } from '#contracts/workflow.ts';
import { stepHandler } from '../middleware/step-handler.ts';

/** The leadership digest, on its schedule (see app/digest.ts). */
export const handler = stepHandler(scheduledInput, digest);
