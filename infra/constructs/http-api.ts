import { CfnOutput, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  HttpApi,
  HttpMethod,
  type HttpRoute,
  HttpStage,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export type RouteGroup = {
  routes: readonly string[];
  handler: IFunction;
  /** Officials' routes need a signed-in user; recipients' links need nothing but the link. */
  authorizer?: IHttpRouteAuthorizer;
  /** Anonymous routes that anyone can call in a loop get their own, lower, limits. */
  throttle?: Throttle;
};

export type Throttle = { rateLimit: number; burstLimit: number };

/**
 * Requests per second for the whole stage, then for the anonymous routes. The workflow functions share the
 * account's Lambda concurrency with the HTTP handlers: at ~0.3 s a request, the default keeps the HTTP side
 * to a few dozen concurrent executions, a recipient's link to a handful, sign-in to one or two.
 */
export const THROTTLING = {
  stage: { rateLimit: 100, burstLimit: 200 },
  recipientLinks: { rateLimit: 20, burstLimit: 40 },
  signIn: { rateLimit: 5, burstLimit: 10 },
} as const satisfies Record<string, Throttle>;

/**
 * One JSON line per request. The route key, never the path: a recipient's path is their link, and the
 * access log is no place for it.
 */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  routeKey: '$context.routeKey',
  status: '$context.status',
  latency: '$context.responseLatency',
  integrationError: '$context.integrationErrorMessage',
} as const;

/** The HTTP API of DESIGN.md: one route per key of the handlers' route lists, payload format 2.0. */
export class ChidaoHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, groups: RouteGroup[]) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      description: 'chidao: directives, recipients, dashboard',
      createDefaultStage: false,
    });
    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Under the API, with the id HttpApi gives its own default stage: a deployed stage is updated in place.
    this.stage = new HttpStage(this.api, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: THROTTLING.stage,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    const routes: HttpRoute[] = [];
    for (const [i, group] of groups.entries()) {
      const integration = new HttpLambdaIntegration(`Integration${i}`, group.handler);
      for (const key of group.routes) {
        const [method, path] = key.split(' ') as [keyof typeof HttpMethod, string];
        const added = this.api.addRoutes({
          path,
          methods: [HttpMethod[method]],
          integration,
          ...(group.authorizer ? { authorizer: group.authorizer } : {}),
        });
        routes.push(...added);
        if (!group.authorizer)
          for (const route of added)
            Validations.of(route).acknowledge({
              id: 'AwsSolutions-APIG4',
              reason: `${key} is public by design: a recipient's signed link, sign-in, or a page whose handler checks the session cookie.`,
            });
        if (group.throttle)
          routeSettings[key] = {
            ThrottlingRateLimit: group.throttle.rateLimit,
            ThrottlingBurstLimit: group.throttle.burstLimit,
          };
      }
    }
    // HttpStage has no per-route settings; the stage must also wait for the routes it names.
    const cfnStage = this.stage.node.defaultChild as CfnStage;
    cfnStage.routeSettings = routeSettings;
    for (const route of routes) cfnStage.node.addDependency(route);

    new CfnOutput(scope, 'ApiUrl', { value: this.api.apiEndpoint });
  }
}
