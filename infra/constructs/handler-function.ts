import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Architecture, type CfnFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ENTRY_METADATA } from '#contracts/metadata.ts';

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export { ENTRY_METADATA };

export type HandlerFunctionProps = {
  /** Path of the handler module from the project root, e.g. `functions/handlers/tasks/deliver.ts`. */
  entry: string;
  environment?: Record<string, string>;
  timeout?: Duration;
  memorySize?: number;
  /** Only for functions invoked asynchronously (by a schedule): where an invocation goes after its retries. */
  deadLetterQueue?: IQueue;
};

/**
 * Every Lambda of the project: Node.js 22 on arm64, an ESM bundle with the SDK clients inside (a bundled client
 * loads faster than the runtime's copy and is the version we tested), source maps, and a log group with a
 * retention.
 */
export class HandlerFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id, {
      entry: join(PROJECT_ROOT, props.entry),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(30),
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      ...(props.deadLetterQueue ? { deadLetterQueue: props.deadLetterQueue } : {}),
      logGroup: new LogGroup(scope, `${id}Logs`, {
        retention: RetentionDays.THREE_MONTHS,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        minify: true,
        sourceMap: true,
        externalModules: [],
        mainFields: ['module', 'main'],
        tsconfig: join(PROJECT_ROOT, 'tsconfig.json'),
        banner: "import{createRequire}from'module';const require=createRequire(import.meta.url);",
      },
    });
    (this.node.defaultChild as CfnFunction).addMetadata(ENTRY_METADATA, props.entry);

    const acknowledge = (id: string, reason: string) => Validations.of(this).acknowledge({ id, reason });
    acknowledge(
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'The AWS-managed basic execution policy only lets the function write its CloudWatch Logs.',
    );
    for (const rule of ['AwsSolutions-L1', 'Serverless-LambdaLatestVersion'])
      acknowledge(
        rule,
        'nodejs22.x is the runtime the bundles target (node22) and the tests run on; moved deliberately.',
      );
    acknowledge(
      'Serverless-LambdaTracing',
      'Powertools logs carry the directive, agency and execution of each line; X-Ray would add cost and wildcard IAM.',
    );
    if (!props.deadLetterQueue)
      acknowledge(
        'Serverless-LambdaDLQ',
        'Invoked synchronously only (Step Functions task, API Gateway): the caller gets the error and retries or catches it.',
      );
  }
}
