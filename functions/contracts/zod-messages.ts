import { en } from 'zod/locales';
import { config } from 'zod/mini';

/**
 * zod's own words for a check that says nothing of its own ("Invalid input: expected string, received number"),
 * in English as classic zod always had them: zod/mini loads no locale, and would say only "Invalid input". They
 * reach a caller as `input.unchecked` (core/problems.ts), a task's failure in Step Functions, a configuration
 * error in the logs; every module that turns an issue into words imports this one. The setting is global, so
 * it holds for every schema parsed after the first import.
 */
config(en());
