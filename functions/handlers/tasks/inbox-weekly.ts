import { weeklyInbox } from '#app/weekly-inbox.ts';
import { scheduledInput } from '#contracts/workflow.ts';
import { stepHandler } from '../middleware/step-handler.ts';

/** The weekly inbox email, on its schedule (see app/weekly-inbox.ts). */
export const handler = stepHandler(scheduledInput, weeklyInbox);
