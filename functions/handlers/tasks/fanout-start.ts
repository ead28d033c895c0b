import { startBatch } from '#app/fanout.ts';
import { fanoutBatch } from '#contracts/workflow.ts';
import { stepHandler } from '../middleware/step-handler.ts';

export const handler = stepHandler(fanoutBatch, startBatch);
