import { planBatches } from '#app/fanout.ts';
import { fanoutInput } from '#contracts/workflow.ts';
import { stepHandler } from '../middleware/step-handler.ts';

export const handler = stepHandler(fanoutInput, planBatches);
