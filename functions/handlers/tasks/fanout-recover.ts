import { recoverFanout } from '#app/recover-fanout.ts';
import { fanoutRecoverInput } from '#contracts/workflow.ts';
import { stepHandler } from '../middleware/step-handler.ts';

export const handler = stepHandler(fanoutRecoverInput, recoverFanout);
