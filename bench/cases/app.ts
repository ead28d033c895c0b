/**
 * What the benchmark needs from the synthesized CDK app, read the way the local runtime reads it: each function
 * (its `chidao:entry` module and environment) and the table (keys, indexes). Run as a child process
 * (`tsx bench/cases/app.ts`): synthesizing loads aws-cdk-lib, which the benchmark's own process does not need.
 */
import { type LocalTable, readTemplate, synthesizeTemplate } from '../../local/cloud-assembly.ts';

export type AppFacts = {
  functions: { name: string; entry: string; environment: Record<string, string> }[];
  tables: LocalTable[];
};

const app = readTemplate(await synthesizeTemplate(), { publicBaseUrl: 'http://localhost:3000' });
const facts: AppFacts = {
  functions: app.functions.map(({ name, entry, environment }) => ({ name, entry, environment })),
  tables: app.tables,
};
process.stdout.write(`${JSON.stringify(facts)}\n`);
