import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { readTemplate, synthesizeTemplate } from '../local/cloud-assembly.ts';
import { startDynamo } from '../local/dynamodb.ts';

/**
 * Once per test run: the app is synthesized (every test that needs the template or the table reads this one,
 * and every runtime a test starts is started from it with `--template`, see test/support/runtime.ts) and an
 * in-memory dynalite serves the DynamoDB API; each test file creates its own table in it.
 */
export default async function setup(project: TestProject) {
  const synthesized = await synthesizeTemplate();
  const template = JSON.stringify(synthesized);
  const { tables } = readTemplate(synthesized, { publicBaseUrl: 'http://localhost' });
  const dir = mkdtempSync(join(tmpdir(), 'chidao-template-'));
  const templateFile = join(dir, 'template.json');
  writeFileSync(templateFile, template);
  const dynamo = await startDynamo();
  project.provide('template', template);
  project.provide('templateFile', templateFile);
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('tables', JSON.stringify(tables));
  return async () => {
    await dynamo.close();
    rmSync(dir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    template: string;
    /** The same template as a file, for `npm start -- --template <file>`. */
    templateFile: string;
    dynamoEndpoint: string;
    /** The template's tables (JSON of `LocalTable[]`), which each test file creates under its own name. */
    tables: string;
  }
}
