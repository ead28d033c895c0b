import { CfnOutput } from 'aws-cdk-lib';
import { HttpApi, HttpMethod, type IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export type RouteGroup = {
  routes: readonly string[];
  handler: IFunction;
  /** Officials' routes need a signed-in user; recipients' links need nothing but the link. */
  authorizer?: IHttpRouteAuthorizer;
};

/** The HTTP API of DESIGN.md: one route per key of the handlers' route lists, payload format 2.0. */
export class ChidaoHttpApi extends Construct {
  readonly api: HttpApi;

  constructor(scope: Construct, id: string, groups: RouteGroup[]) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', { description: 'chidao: directives, recipients, dashboard' });
    for (const [i, group] of groups.entries()) {
      const integration = new HttpLambdaIntegration(`Integration${i}`, group.handler);
      for (const key of group.routes) {
        const [method, path] = key.split(' ') as [keyof typeof HttpMethod, string];
        this.api.addRoutes({
          path,
          methods: [HttpMethod[method]],
          integration,
          ...(group.authorizer ? { authorizer: group.authorizer } : {}),
        });
      }
    }
    new CfnOutput(scope, 'ApiUrl', { value: this.api.apiEndpoint });
  }
}
