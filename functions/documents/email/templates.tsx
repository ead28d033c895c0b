/** The emails' former single module, kept as a re-export while importers move to `./index.ts`. */
export * from './index.ts';
