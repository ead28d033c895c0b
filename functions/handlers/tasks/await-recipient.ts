import { awaitRecipient } from '#app/await-recipient.ts';
import { awaitInput } from '#contracts/workflow.ts';
import { stepHandler } from '../middleware/step-handler.ts';

export const handler = stepHandler(awaitInput, awaitRecipient);
