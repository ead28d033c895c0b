/**
 * Metadata the stack writes on each function's CloudFormation resource: the source module it bundles, by which
 * the local runtime (which runs the template) finds the handler to import.
 */
export const ENTRY_METADATA = 'chidao:entry';
