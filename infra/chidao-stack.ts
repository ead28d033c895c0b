import {
  ArnFormat,
  type CfnElement,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
  TimeZone,
  Validations,
} from 'aws-cdk-lib';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct, IConstruct } from 'constructs';
import { ENV } from '#contracts/environment.ts';
import {
  DIRECTIVE_FORM_ROUTES,
  INBOX_ROUTES,
  INTAKE_ROUTES,
  OFFICIAL_PAGE_ROUTES,
  OFFICIAL_ROUTES,
  RECIPIENT_ROUTES,
  REPORT_API_ROUTES,
  REPORT_PAGE_ROUTES,
  SIGN_IN_ROUTES,
} from '#contracts/routes.ts';
import { AssignmentWorkflow } from '../workflows/assignment-workflow.ts';
import { DirectiveFanout } from '../workflows/directive-fanout.ts';
import { Alarms } from './constructs/alarms.ts';
import { DirectivesTable } from './constructs/directives-table.ts';
import { HandlerFunction, type HandlerFunctionProps } from './constructs/handler-function.ts';
import { ChidaoHttpApi, THROTTLING } from './constructs/http-api.ts';
import { type NoticeChannelSettings, noticeChannels } from './constructs/notice-channels.ts';
import { createOfficialsPool, type OfficialsMfa } from './constructs/officials-pool.ts';
import { scheduleDeadLetters, scheduleInvoke } from './constructs/scheduled-job.ts';

export type ChidaoSettings = {
  /** The From address of every email, e.g. `Sở TT&TT Gia Lai <chidao@stttt.gialai.gov.vn>`. */
  senderAddress: string;
  /** The SES identity (domain or address) the sender belongs to; SES sending is allowed for it only. */
  senderIdentity: string;
  /** Where recipients' links point; defaults to the HTTP API's own URL. */
  publicBaseUrl?: string;
  /** An existing Secrets Manager secret to sign links with; a new one is generated otherwise. */
  linkSecretArn?: string;
  /** Whether officials must use a second factor (TOTP) to sign in. */
  officialsMfa: OfficialsMfa;
  /** Who receives the alarms; without it the alarm topic has no subscriber. */
  alarmEmail?: string;
} & NoticeChannelSettings;

export class ChidaoStack extends Stack {
  constructor(scope: Construct, id: string, settings: ChidaoSettings, props?: StackProps) {
    super(scope, id, props);

    const { table } = new DirectivesTable(this, 'Directives');
    const acknowledge = (scope: IConstruct, id: string, reason: string) =>
      Validations.of(scope).acknowledge({ id, reason });
    /** How cdk-nag names a grant on a resource's ARN followed by a wildcard, e.g. `<Table.Arn>/index/*`. */
    const wildcardOn = (resource: IConstruct, suffix: string) =>
      `AwsSolutions-IAM5[Resource::<${this.getLogicalId(resource.node.defaultChild as CfnElement)}.Arn>${suffix}]`;
    /** Invoking a function is granted on it and on its versions (`<Fn.Arn>:*`). */
    const invokeGrant = (scope: IConstruct, fns: IFunction[], who: string) => {
      for (const f of fns)
        acknowledge(
          scope,
          wildcardOn(f, ':*'),
          `${who} invokes ${f.node.id}; CDK grants it on the function and its versions.`,
        );
    };
    const linkSecret: ISecret = settings.linkSecretArn
      ? Secret.fromSecretCompleteArn(this, 'LinkSecret', settings.linkSecretArn)
      : new Secret(this, 'LinkSecret', {
          description: 'Signs recipients’ links (HMAC-SHA256)',
          generateSecretString: { passwordLength: 64, excludePunctuation: true },
        });
    if (linkSecret instanceof Secret)
      acknowledge(
        linkSecret,
        'AwsSolutions-SMG4',
        'Rotated by hand, never on a schedule: every emailed link must keep verifying until it expires.',
      );

    const functions: HandlerFunction[] = [];
    const fn = (
      id: string,
      entry: string,
      environment: Record<string, string> = {},
      options: Omit<HandlerFunctionProps, 'entry' | 'environment'> = {},
    ) => {
      const f = new HandlerFunction(this, id, {
        entry,
        environment: {
          [ENV.TABLE_NAME]: table.tableName,
          [ENV.SENDER_ADDRESS]: settings.senderAddress,
          [ENV.LINK_SECRET_ARN]: linkSecret.secretArn,
          ...environment,
        },
        ...options,
      });
      table.grantReadWriteData(f);
      acknowledge(
        f,
        wildcardOn(table, '/index/*'),
        'The table’s own indexes (byIssuer, byOffice, byRecipient, due, watch, roster, pending): IAM names them by wildcard.',
      );
      functions.push(f);
      return f;
    };

    // PUBLIC_BASE_URL is set below, once the API (and so its default URL) exists.
    const deliver = fn('Deliver', 'functions/handlers/tasks/deliver.ts');
    const awaitHuman = fn('AwaitRecipient', 'functions/handlers/tasks/await-recipient.ts');
    const checkpoint = fn('Checkpoint', 'functions/handlers/tasks/checkpoint.ts');
    const complete = fn('Complete', 'functions/handlers/tasks/complete.ts');
    const recover = fn('Recover', 'functions/handlers/tasks/recover.ts');
    const renew = fn('Renew', 'functions/handlers/tasks/renew.ts');
    const assignmentTasks = { deliver, awaitHuman, checkpoint, complete, recover, renew };
    const assignments = new AssignmentWorkflow(this, 'Assignment', assignmentTasks);

    // One value for every function that starts or names assignment executions: the local runtime runs them in
    // one process and needs them to agree, and Renew, a task of that machine, cannot reference it without a cycle.
    const assignmentMachine = { [ENV.ASSIGNMENT_MACHINE_ARN]: assignments.stateMachineArnFromName };
    const startAssignments = (grantee: IGrantable) =>
      grantee.grantPrincipal.addToPrincipalPolicy(
        new PolicyStatement({ actions: ['states:StartExecution'], resources: [assignments.stateMachineArnFromName] }),
      );
    renew.addEnvironment(ENV.ASSIGNMENT_MACHINE_ARN, assignments.stateMachineArnFromName);
    startAssignments(renew);

    const fanoutPlan = fn('FanoutPlan', 'functions/handlers/tasks/fanout-plan.ts');
    const fanoutStart = fn('FanoutStart', 'functions/handlers/tasks/fanout-start.ts', assignmentMachine);
    startAssignments(fanoutStart);
    const fanoutRecover = fn('FanoutRecover', 'functions/handlers/tasks/fanout-recover.ts');
    const fanoutTasks = { plan: fanoutPlan, start: fanoutStart, recover: fanoutRecover };
    const fanout = new DirectiveFanout(this, 'Fanout', fanoutTasks);
    for (const [machine, tasks] of [
      [assignments.stateMachine, Object.values(assignmentTasks)],
      [fanout.stateMachine, Object.values(fanoutTasks)],
    ] as const) {
      invokeGrant(machine, [...tasks], 'The state machine');
      acknowledge(
        machine,
        'AwsSolutions-IAM5[Resource::*]',
        'CloudWatch Logs delivery for the execution log: its actions (logs:CreateLogDelivery…) take no resource.',
      );
      acknowledge(
        machine,
        'AwsSolutions-SF1',
        'Level ERROR: ALL would copy every state’s input into the log at a cost per transition; the tasks log each step.',
      );
      for (const rule of ['AwsSolutions-SF2', 'Serverless-StepFunctionStateMachineXray'])
        acknowledge(
          machine,
          rule,
          'An execution is one assignment, its history is in the console, and every task logs with its execution name.',
        );
    }

    const officialsApi = fn('OfficialsApi', 'functions/handlers/http/officials-api.ts', {
      ...assignmentMachine,
      [ENV.FANOUT_MACHINE_ARN]: fanout.stateMachine.stateMachineArn,
    });
    fanout.stateMachine.grantStartExecution(officialsApi);
    const recipientLinks = fn('RecipientLinks', 'functions/handlers/http/recipient-links.ts');
    // An agency's inbox: the form that mails the link, and the list it opens (signing recipients' links).
    const inbox = fn('Inbox', 'functions/handlers/http/inbox.tsx');

    // Officials sign in to a user pool; the API checks their ID token with a JWT authorizer, the web app
    // (server-rendered pages) checks the same token kept in an HttpOnly cookie.
    const { pool: officials, webClient } = createOfficialsPool(this, settings.officialsMfa);
    const authorizer = new HttpUserPoolAuthorizer('Officials', officials, { userPoolClients: [webClient] });
    const issuer = `https://cognito-idp.${this.region}.amazonaws.com/${officials.userPoolId}`;
    const pool = {
      [ENV.OFFICIALS_ISSUER]: issuer,
      [ENV.OFFICIALS_CLIENT_ID]: webClient.userPoolClientId,
      [ENV.OFFICIALS_JWKS_URL]: `${issuer}/.well-known/jwks.json`,
    };
    const officialPages = fn('OfficialPages', 'functions/handlers/http/official-pages.tsx', {
      ...pool,
      ...assignmentMachine,
      [ENV.FANOUT_MACHINE_ARN]: fanout.stateMachine.stateMachineArn,
    });
    fanout.stateMachine.grantStartExecution(officialPages);
    // The new-directive form reads DOCX and PDF (pdfjs) and issues: the CPU that more memory brings reads pages faster.
    const directiveForm = fn(
      'DirectiveForm',
      'functions/handlers/http/directive-form.tsx',
      { ...pool, ...assignmentMachine, [ENV.FANOUT_MACHINE_ARN]: fanout.stateMachine.stateMachineArn },
      { memorySize: 1024 },
    );
    fanout.stateMachine.grantStartExecution(directiveForm);
    const signIn = fn('SignIn', 'functions/handlers/http/sign-in.tsx', pool);
    const reports = fn('Reports', 'functions/handlers/http/reports.tsx', pool);

    // Files attached to reports: recipients upload through their link, officials download from the dashboard.
    const attachments = new Bucket(this, 'Attachments', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    recipientLinks.addEnvironment(ENV.ATTACHMENTS_BUCKET, attachments.bucketName);
    recipientLinks.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:PutObject', 's3:DeleteObject'],
        resources: [attachments.arnForObjects('reports/*')],
      }),
    );
    officialPages.addEnvironment(ENV.ATTACHMENTS_BUCKET, attachments.bucketName);
    officialPages.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:GetObject'], resources: [attachments.arnForObjects('reports/*')] }),
    );
    // Without ListBucket a missing key answers 403, not NoSuchKey.
    officialPages.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:ListBucket'], resources: [attachments.bucketArn] }),
    );
    for (const f of [recipientLinks, officialPages])
      acknowledge(f, wildcardOn(attachments, '/reports/*'), 'Report attachments only: every key under reports/.');

    // The files of directives (the signed original, annexes): uploaded through the intake function, written once
    // per id and never deleted (they are kept as long as the directive); read by the recipients' links, the
    // dashboard and the functions that send the invitation with the original attached.
    const intake = fn(
      'Intake',
      'functions/handlers/http/intake.ts',
      { [ENV.ATTACHMENTS_BUCKET]: attachments.bucketName },
      // pdfjs reads a few pages faster with the CPU that more memory brings.
      { memorySize: 1024 },
    );
    const directiveFiles = attachments.arnForObjects('directives/files/*');
    // The directive form stores the original and annexes it is sent, as the intake's upload route does.
    directiveForm.addEnvironment(ENV.ATTACHMENTS_BUCKET, attachments.bucketName);
    for (const f of [intake, directiveForm])
      f.addToRolePolicy(new PolicyStatement({ actions: ['s3:PutObject'], resources: [directiveFiles] }));
    for (const f of [deliver, checkpoint]) f.addEnvironment(ENV.ATTACHMENTS_BUCKET, attachments.bucketName);
    for (const f of [recipientLinks, officialPages, deliver, checkpoint])
      f.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [directiveFiles] }));
    for (const f of [intake, directiveForm, recipientLinks, officialPages, deliver, checkpoint])
      acknowledge(
        f,
        wildcardOn(attachments, '/directives/files/*'),
        'Directive files only: every key under directives/files/ (one per uploaded file id).',
      );
    acknowledge(
      attachments,
      'AwsSolutions-S1',
      'Only the functions’ roles reach it (no public access, no presigned URL); each upload and download is logged by them.',
    );

    for (const f of [awaitHuman, officialsApi, recipientLinks, officialPages]) assignments.grantTaskResponse(f);
    for (const f of [deliver, checkpoint, recipientLinks, officialsApi, officialPages]) linkSecret.grantRead(f);
    const sendMail = new PolicyStatement({
      actions: ['ses:SendRawEmail'],
      resources: [this.formatArn({ service: 'ses', resource: 'identity', resourceName: settings.senderIdentity })],
    });
    // The leadership digest: 08:00 in Hà Nội, Monday to Friday; the function itself skips public holidays.
    const digestDeadLetters = scheduleDeadLetters(this, 'DigestDeadLetters');
    const digest = fn('Digest', 'functions/handlers/tasks/digest.ts', {}, { deadLetterQueue: digestDeadLetters });
    scheduleInvoke(this, 'DigestSchedule', {
      description: 'Leadership digest of overdue assignments, 08:00 Asia/Ho_Chi_Minh on working days',
      schedule: ScheduleExpression.cron({
        minute: '0',
        hour: '8',
        weekDay: 'MON-FRI',
        timeZone: TimeZone.ASIA_HO_CHI_MINH,
      }),
      target: digest,
      deadLetterQueue: digestDeadLetters,
    });

    // The weekly inbox email: fired at 08:00 in Hà Nội, Monday to Friday like the digest; the function sends only
    // on the week's first working day (Monday, or the next working day when Monday is a holiday).
    const inboxWeeklyDeadLetters = scheduleDeadLetters(this, 'InboxWeeklyDeadLetters');
    const inboxWeekly = fn(
      'InboxWeekly',
      'functions/handlers/tasks/inbox-weekly.ts',
      {},
      { deadLetterQueue: inboxWeeklyDeadLetters, timeout: Duration.minutes(5) },
    );
    scheduleInvoke(this, 'InboxWeeklySchedule', {
      description: 'Weekly email of open assignments to each agency address, 08:00 Asia/Ho_Chi_Minh, first working day',
      schedule: ScheduleExpression.cron({
        minute: '0',
        hour: '8',
        weekDay: 'MON-FRI',
        timeZone: TimeZone.ASIA_HO_CHI_MINH,
      }),
      target: inboxWeekly,
      deadLetterQueue: inboxWeeklyDeadLetters,
    });
    for (const f of [inbox, inboxWeekly]) linkSecret.grantRead(f);

    // The sweeper: every six hours, open assignments whose execution should have touched them by now are started
    // again from the stored item. A safety net for what the recovery path cannot catch (an execution stopped or
    // lost): an escalation is then at most some seven hours late. Minute 17, away from the digest.
    const sweeperDeadLetters = scheduleDeadLetters(this, 'SweeperDeadLetters');
    const sweeper = fn('Sweeper', 'functions/handlers/tasks/sweep.ts', assignmentMachine, {
      deadLetterQueue: sweeperDeadLetters,
      timeout: Duration.minutes(5),
    });
    startAssignments(sweeper);
    acknowledge(
      sweeper,
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${assignments.stateMachineName}:*]`,
      'DescribeExecution on the assignment machine’s executions, whose names are only known at run time.',
    );
    sweeper.addToRolePolicy(
      new PolicyStatement({
        actions: ['states:DescribeExecution'],
        resources: [
          this.formatArn({
            service: 'states',
            resource: 'execution',
            resourceName: `${assignments.stateMachineName}:*`,
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        ],
      }),
    );
    scheduleInvoke(this, 'SweeperSchedule', {
      description: 'Restarts open assignments that no execution tracks, hourly at minute 17 (Asia/Ho_Chi_Minh)',
      schedule: ScheduleExpression.cron({ minute: '17', hour: '0/6', timeZone: TimeZone.ASIA_HO_CHI_MINH }),
      target: sweeper,
      deadLetterQueue: sweeperDeadLetters,
    });
    // The scheduler's roles are created by CDK at the stack's level; these names each cover one function.
    invokeGrant(this, [digest, sweeper, inboxWeekly], 'EventBridge Scheduler');

    for (const f of [deliver, checkpoint, officialsApi, officialPages, digest, inbox, inboxWeekly])
      f.addToRolePolicy(sendMail);
    // SMS and Zalo notices go with an assignment's own emails (the invitation, whether first or re-sent after a
    // resend or a reassignment, the reminders, the escalations): not with the digest's or the inbox's.
    noticeChannels(this, settings, [deliver, checkpoint, officialsApi, officialPages]);

    const { api } = new ChidaoHttpApi(this, 'Http', [
      { routes: OFFICIAL_ROUTES, handler: officialsApi, authorizer },
      { routes: INTAKE_ROUTES, handler: intake, authorizer },
      { routes: RECIPIENT_ROUTES, handler: recipientLinks, throttle: THROTTLING.recipientLinks },
      { routes: SIGN_IN_ROUTES, handler: signIn, throttle: THROTTLING.signIn },
      // Anonymous like a recipient's link, and held to the same limits.
      { routes: INBOX_ROUTES, handler: inbox, throttle: THROTTLING.recipientLinks },
      { routes: OFFICIAL_PAGE_ROUTES, handler: officialPages },
      { routes: DIRECTIVE_FORM_ROUTES, handler: directiveForm },
      { routes: REPORT_API_ROUTES, handler: reports, authorizer },
      { routes: REPORT_PAGE_ROUTES, handler: reports },
    ]);
    const publicBaseUrl = settings.publicBaseUrl ?? api.apiEndpoint;
    for (const f of functions) f.addEnvironment(ENV.PUBLIC_BASE_URL, publicBaseUrl);

    new Alarms(this, 'Alarms', {
      ...(settings.alarmEmail ? { email: settings.alarmEmail } : {}),
      stateMachines: { AssignmentWorkflow: assignments.stateMachine, DirectiveFanout: fanout.stateMachine },
      functions,
      deadLetterQueues: {
        DigestDeadLetters: digestDeadLetters,
        SweeperDeadLetters: sweeperDeadLetters,
        InboxWeeklyDeadLetters: inboxWeeklyDeadLetters,
      },
    });
  }
}
