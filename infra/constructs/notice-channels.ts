import { SecretValue, type Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { ENV } from '#contracts/environment.ts';
import type { HandlerFunction } from './handler-function.ts';

/** The phone channels a deployment enables by its context; a channel absent here has no variable and no grant. */
export type NoticeChannelSettings = {
  /** End User Messaging SMS: the registered sender ID (in its country) and, optionally, its configuration set. */
  sms?: { senderId: string; country: string; configurationSet?: string };
  /** Zalo ZNS: the app linked to the Official Account; its secret key and tokens live in a secret made here. */
  zalo?: { appId: string; templateIds: string };
};

/**
 * Gives the functions that send notices what each enabled channel needs: its variables, and IAM for exactly its
 * resources. SMS may be sent only from the sender ID (and through the configuration set) named; the Zalo secret
 * is read and rewritten (each token refresh stores a new single-use refresh token) by them alone.
 */
export const noticeChannels = (stack: Stack, settings: NoticeChannelSettings, senders: HandlerFunction[]) => {
  const { sms, zalo } = settings;
  if (sms) {
    const resources = [
      stack.formatArn({ service: 'sms-voice', resource: 'sender-id', resourceName: `${sms.senderId}/${sms.country}` }),
      ...(sms.configurationSet
        ? [stack.formatArn({ service: 'sms-voice', resource: 'configuration-set', resourceName: sms.configurationSet })]
        : []),
    ];
    const send = new PolicyStatement({ actions: ['sms-voice:SendTextMessage'], resources });
    for (const f of senders) {
      f.addEnvironment(ENV.SMS_SENDER_ID, sms.senderId);
      if (sms.configurationSet) f.addEnvironment(ENV.SMS_CONFIGURATION_SET, sms.configurationSet);
      f.addToRolePolicy(send);
    }
  }
  if (!zalo) return {};
  // Empty JSON: the operator fills {"secretKey", "refreshToken"} (README, "Zalo ZNS"); until then a Zalo notice
  // is recorded as FAILED and nothing else is affected.
  const secret = new Secret(stack, 'ZaloSecret', {
    description:
      'Zalo OA for ZNS notices: {"secretKey","refreshToken"} from the operator; the functions keep the tokens',
    secretStringValue: SecretValue.unsafePlainText('{}'),
  });
  Validations.of(secret).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason:
      'Zalo rotates these tokens: every refresh (about daily) returns a new pair, which the functions store here.',
  });
  const readWrite = new PolicyStatement({
    actions: ['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue'],
    resources: [secret.secretArn],
  });
  for (const f of senders) {
    f.addEnvironment(ENV.ZALO_APP_ID, zalo.appId);
    f.addEnvironment(ENV.ZALO_SECRET_ARN, secret.secretArn);
    f.addEnvironment(ENV.ZALO_TEMPLATE_IDS, zalo.templateIds);
    f.addToRolePolicy(readWrite);
  }
  return { zaloSecret: secret };
};
