import { recover } from '#app/recover.ts';
import { recoverInput } from '#contracts/workflow.ts';
import { stepHandler } from '../middleware/step-handler.ts';

export const handler = stepHandler(recoverInput, recover);
