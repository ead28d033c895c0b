import type { TestProject } from 'vitest/node';
import { synthesizeTemplate } from '../local/cloud-assembly.ts';
import { startDynamo } from '../local/dynamodb.ts';

/**
 * Once per test run: the app is synthesized (every test that needs the template or the table reads this one)
 * and an in-memory dynalite serves the DynamoDB API; each test file creates its own table in it.
 */
export default async function setup(project: TestProject) {
  const template = await synthesizeTemplate();
  const dynamo = await startDynamo();
  project.provide('template', JSON.stringify(template));
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return () => dynamo.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    template: string;
    dynamoEndpoint: string;
  }
}
