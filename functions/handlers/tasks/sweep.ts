import { sweep } from '#app/sweep.ts';
import { scheduledInput } from '#contracts/workflow.ts';
import { stepHandler } from '../middleware/step-handler.ts';

export const handler = stepHandler(scheduledInput, sweep);
