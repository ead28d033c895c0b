import { App } from 'aws-cdk-lib';
import { type ChidaoSettings, ChidaoStack } from './chidao-stack.ts';

export const STACK_NAME = 'Chidao';

const DEFAULT_SENDER = 'Chidao <no-reply@chidao.example.gov.vn>';

/** The settings from CDK context (cdk.json, or `-c key=value`), with the defaults that let `cdk synth` run. */
export const settingsFrom = (app: App): ChidaoSettings => {
  const ctx = (key: string) => {
    const v = app.node.tryGetContext(key);
    return typeof v === 'string' && v.length > 0 ? v : undefined;
  };
  const senderAddress = ctx('senderAddress') ?? DEFAULT_SENDER;
  const domain = /@([^>\s]+)/.exec(senderAddress)?.[1] ?? 'chidao.example.gov.vn';
  return {
    senderAddress,
    senderIdentity: ctx('senderIdentity') ?? domain,
    ...(ctx('publicBaseUrl') ? { publicBaseUrl: ctx('publicBaseUrl') } : {}),
    ...(ctx('linkSecretArn') ? { linkSecretArn: ctx('linkSecretArn') } : {}),
  };
};

/** Builds the app; the local runtime and the tests call this in-process, `cdk synth` runs the file. */
export const buildApp = (context: Record<string, unknown> = {}) => {
  const app = new App({ context });
  const stack = new ChidaoStack(app, STACK_NAME, settingsFrom(app), {
    description: 'chidao: official directives as self-tracking workflows',
  });
  return { app, stack };
};

if (import.meta.url === `file://${process.argv[1]}`) buildApp().app.synth();
