import { z } from 'zod';
import { stepHandler } from '../shared/step-handler.ts';

/** Placeholder while the recovery path is built. */
export const handler = stepHandler(z.object({}).passthrough(), async () => ({}));
