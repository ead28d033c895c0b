import { renew } from '#app/renew.ts';
import { renewInput } from '#contracts/workflow.ts';
import { stepHandler } from '../middleware/step-handler.ts';

export const handler = stepHandler(renewInput, renew);
