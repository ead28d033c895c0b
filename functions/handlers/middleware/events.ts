import type { APIGatewayProxyEventV2, APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';

/** After the body parsers ran, the body is whatever the content type made of it. */
export type OfficialEvent = Omit<APIGatewayProxyEventV2WithJWTAuthorizer, 'body'> & { body?: unknown };
export type PublicEvent = Omit<APIGatewayProxyEventV2, 'body'> & { body?: unknown };
