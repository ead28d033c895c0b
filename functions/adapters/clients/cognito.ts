import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';

/** The Cognito user pools client, once per container. */
export const cognito = new CognitoIdentityProviderClient({});
