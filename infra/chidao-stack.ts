import { Duration, RemovalPolicy, Stack, type StackProps, TimeZone } from 'aws-cdk-lib';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { AccountRecovery, UserPool } from 'aws-cdk-lib/aws-cognito';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import {
  OFFICIAL_PAGE_ROUTES,
  OFFICIAL_ROUTES,
  RECIPIENT_ROUTES,
  REPORT_API_ROUTES,
  REPORT_PAGE_ROUTES,
  SIGN_IN_ROUTES,
} from '../functions/http/routes.ts';
import { AssignmentWorkflow } from '../workflows/assignment-workflow.ts';
import { DirectiveFanout } from '../workflows/directive-fanout.ts';
import { DirectivesTable } from './constructs/directives-table.ts';
import { HandlerFunction } from './constructs/handler-function.ts';
import { ChidaoHttpApi } from './constructs/http-api.ts';

export type ChidaoSettings = {
  /** The From address of every email, e.g. `Sở TT&TT Gia Lai <chidao@stttt.gialai.gov.vn>`. */
  senderAddress: string;
  /** The SES identity (domain or address) the sender belongs to; SES sending is allowed for it only. */
  senderIdentity: string;
  /** Where recipients' links point; defaults to the HTTP API's own URL. */
  publicBaseUrl?: string;
  /** An existing Secrets Manager secret to sign links with; a new one is generated otherwise. */
  linkSecretArn?: string;
};

export class ChidaoStack extends Stack {
  constructor(scope: Construct, id: string, settings: ChidaoSettings, props?: StackProps) {
    super(scope, id, props);

    const { table } = new DirectivesTable(this, 'Directives');
    const linkSecret: ISecret = settings.linkSecretArn
      ? Secret.fromSecretCompleteArn(this, 'LinkSecret', settings.linkSecretArn)
      : new Secret(this, 'LinkSecret', {
          description: 'Signs recipients’ links (HMAC-SHA256)',
          generateSecretString: { passwordLength: 64, excludePunctuation: true },
        });

    const fn = (id: string, entry: string, environment: Record<string, string> = {}) => {
      const f = new HandlerFunction(this, id, {
        entry,
        environment: {
          TABLE_NAME: table.tableName,
          SENDER_ADDRESS: settings.senderAddress,
          LINK_SECRET_ARN: linkSecret.secretArn,
          ...environment,
        },
      });
      table.grantReadWriteData(f);
      return f;
    };

    // PUBLIC_BASE_URL is set below, once the API (and so its default URL) exists.
    const deliver = fn('Deliver', 'functions/tasks/deliver.ts');
    const awaitHuman = fn('AwaitRecipient', 'functions/tasks/await-human.ts');
    const checkpoint = fn('Checkpoint', 'functions/tasks/checkpoint.ts');
    const complete = fn('Complete', 'functions/tasks/complete.ts');
    const recover = fn('Recover', 'functions/tasks/recover.ts');
    const renew = fn('Renew', 'functions/tasks/renew.ts');
    const assignments = new AssignmentWorkflow(this, 'Assignment', {
      deliver,
      awaitHuman,
      checkpoint,
      complete,
      recover,
      renew,
    });

    const fanoutPlan = fn('FanoutPlan', 'functions/tasks/fanout-plan.ts');
    const fanoutStart = fn('FanoutStart', 'functions/tasks/fanout-start.ts', {
      ASSIGNMENT_MACHINE_ARN: assignments.stateMachine.stateMachineArn,
    });
    assignments.stateMachine.grantStartExecution(fanoutStart);
    const fanout = new DirectiveFanout(this, 'Fanout', { plan: fanoutPlan, start: fanoutStart });

    const officialsApi = fn('OfficialsApi', 'functions/http/officials-api.ts', {
      ASSIGNMENT_MACHINE_ARN: assignments.stateMachine.stateMachineArn,
      FANOUT_MACHINE_ARN: fanout.stateMachine.stateMachineArn,
    });
    fanout.stateMachine.grantStartExecution(officialsApi);
    const recipientLinks = fn('RecipientLinks', 'functions/http/recipient-links.ts');

    // Officials sign in to a user pool; the API checks their ID token with a JWT authorizer, the web app
    // (server-rendered pages) checks the same token kept in an HttpOnly cookie.
    const officials = new UserPool(this, 'Officials', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      passwordPolicy: { minLength: 12 },
    });
    const webClient = officials.addClient('Web', {
      authFlows: { userPassword: true, userSrp: true },
      generateSecret: false,
      idTokenValidity: Duration.hours(12),
      preventUserExistenceErrors: true,
    });
    const authorizer = new HttpUserPoolAuthorizer('Officials', officials, { userPoolClients: [webClient] });
    const issuer = `https://cognito-idp.${this.region}.amazonaws.com/${officials.userPoolId}`;
    const pool = {
      OFFICIALS_ISSUER: issuer,
      OFFICIALS_CLIENT_ID: webClient.userPoolClientId,
      OFFICIALS_JWKS_URL: `${issuer}/.well-known/jwks.json`,
    };
    const officialPages = fn('OfficialPages', 'functions/http/official-pages.tsx', {
      ...pool,
      ASSIGNMENT_MACHINE_ARN: assignments.stateMachine.stateMachineArn,
      FANOUT_MACHINE_ARN: fanout.stateMachine.stateMachineArn,
    });
    fanout.stateMachine.grantStartExecution(officialPages);
    const signIn = fn('SignIn', 'functions/http/sign-in.tsx', pool);
    const reports = fn('Reports', 'functions/http/reports.tsx', pool);

    // Files attached to reports: recipients upload through their link, officials download from the dashboard.
    const attachments = new Bucket(this, 'Attachments', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    recipientLinks.addEnvironment('ATTACHMENTS_BUCKET', attachments.bucketName);
    recipientLinks.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:PutObject', 's3:DeleteObject'],
        resources: [attachments.arnForObjects('reports/*')],
      }),
    );
    officialPages.addEnvironment('ATTACHMENTS_BUCKET', attachments.bucketName);
    officialPages.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:GetObject'], resources: [attachments.arnForObjects('reports/*')] }),
    );
    // Without ListBucket a missing key answers 403, not NoSuchKey.
    officialPages.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:ListBucket'], resources: [attachments.bucketArn] }),
    );

    for (const f of [awaitHuman, officialsApi, recipientLinks, officialPages]) assignments.grantTaskResponse(f);
    for (const f of [deliver, checkpoint, recipientLinks, officialsApi, officialPages]) linkSecret.grantRead(f);
    const sendMail = new PolicyStatement({
      actions: ['ses:SendRawEmail'],
      resources: [this.formatArn({ service: 'ses', resource: 'identity', resourceName: settings.senderIdentity })],
    });
    // The leadership digest: 08:00 in Hà Nội, Monday to Friday; the function itself skips public holidays.
    const digest = fn('Digest', 'functions/tasks/digest.ts');
    new Schedule(this, 'DigestSchedule', {
      description: 'Leadership digest of overdue assignments, 08:00 Asia/Ho_Chi_Minh on working days',
      schedule: ScheduleExpression.cron({
        minute: '0',
        hour: '8',
        weekDay: 'MON-FRI',
        timeZone: TimeZone.ASIA_HO_CHI_MINH,
      }),
      target: new LambdaInvoke(digest, { input: undefined, retryAttempts: 2 }),
    });

    for (const f of [deliver, checkpoint, officialsApi, officialPages, digest]) f.addToRolePolicy(sendMail);

    const { api } = new ChidaoHttpApi(this, 'Http', [
      { routes: OFFICIAL_ROUTES, handler: officialsApi, authorizer },
      { routes: RECIPIENT_ROUTES, handler: recipientLinks },
      { routes: SIGN_IN_ROUTES, handler: signIn },
      { routes: OFFICIAL_PAGE_ROUTES, handler: officialPages },
      { routes: REPORT_API_ROUTES, handler: reports, authorizer },
      { routes: REPORT_PAGE_ROUTES, handler: reports },
    ]);
    const publicBaseUrl = settings.publicBaseUrl ?? api.apiEndpoint;
    for (const f of [
      deliver,
      awaitHuman,
      checkpoint,
      complete,
      recover,
      renew,
      fanoutPlan,
      fanoutStart,
      officialsApi,
      recipientLinks,
      officialPages,
      signIn,
      digest,
      reports,
    ])
      f.addEnvironment('PUBLIC_BASE_URL', publicBaseUrl);
  }
}
