import { checkpoint } from '#app/checkpoint.ts';
import { checkpointInput } from '#contracts/workflow.ts';
import { stepHandler } from '../middleware/step-handler.ts';

export const handler = stepHandler(checkpointInput, checkpoint);
