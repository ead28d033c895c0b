import { deliverStep } from '#app/deliver.ts';
import { assignmentRef } from '#contracts/workflow.ts';
import { stepHandler } from '../middleware/step-handler.ts';

export const handler = stepHandler(assignmentRef, deliverStep);
