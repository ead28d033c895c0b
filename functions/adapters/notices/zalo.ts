import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { config } from '#contracts/environment.ts';
import type { NoticeChannel, NoticeResult } from './channel.ts';
import { ChannelMisconfigured, ChannelUnavailable, jsonOf, post } from './errors.ts';
import { zaloAccessToken } from './zalo-token.ts';

/**
 * Zalo ZNS: a template message of the Official Account, approved by Zalo beforehand, with its parameters.
 * POST {ZALO_API_URL}/message/template, header `access_token`, JSON `{phone: "84…", template_id, template_data,
 * tracking_id}` → `{error: 0, message, data: {msg_id, sent_time, quota}}`, or `{error: <negative>, message}`.
 */

/**
 * What ZNS's error codes mean for one notice. Source: Zalo's table "Cách xử lý mã lỗi"
 * (https://zalo.cloud/zns/guidelines/handle-error-code), of which only the part up to -110 could be read here
 * (2026-12-01); the codes from -111 on follow the same table's names in its order as the getfly.vn ZNS FAQ
 * repeats them, and -124 (token), -131, -133, -139 and -144 are as ZNS clients commonly quote them: check a code
 * against Zalo's table before relying on its meaning. The mapping is safe either way: `token` refreshes once,
 * `retry` (Zalo says try later) is thrown for the Task's Retry, and every other code, listed or not, is a refusal
 * of this notice, recorded as FAILED with its code and never retried.
 */
export const ZNS_ERRORS: Record<number, { kind: 'token' | 'retry' | 'refused'; meaning: string }> = {
  [-100]: { kind: 'retry', meaning: 'unknown error, try again later' },
  [-101]: { kind: 'refused', meaning: 'application invalid' },
  [-102]: { kind: 'refused', meaning: 'application does not exist' },
  [-103]: { kind: 'refused', meaning: 'application not activated' },
  [-104]: { kind: 'refused', meaning: 'app secret key invalid' },
  [-105]: { kind: 'refused', meaning: 'application not linked to any OA' },
  [-106]: { kind: 'refused', meaning: 'method unsupported' },
  [-107]: { kind: 'refused', meaning: 'message id invalid' },
  [-108]: { kind: 'refused', meaning: 'phone number invalid' },
  [-109]: { kind: 'refused', meaning: 'template id invalid' },
  [-110]: { kind: 'refused', meaning: 'the user’s Zalo version is not supported' },
  [-111]: { kind: 'refused', meaning: 'template data empty' },
  [-112]: { kind: 'refused', meaning: 'template data invalid' },
  [-114]: { kind: 'refused', meaning: 'user inactive, refusing ZNS, or on an old Zalo' },
  [-115]: { kind: 'refused', meaning: 'out of quota (ZNS balance)' },
  [-117]: { kind: 'refused', meaning: 'the OA or app may not use this template (not approved for it)' },
  [-118]: { kind: 'refused', meaning: 'no Zalo account for this number' },
  [-119]: { kind: 'refused', meaning: 'this account cannot receive ZNS' },
  [-124]: { kind: 'token', meaning: 'access token invalid' },
  [-131]: { kind: 'refused', meaning: 'template not approved' },
  [-133]: { kind: 'refused', meaning: 'this template may not be sent at night' },
  [-139]: { kind: 'refused', meaning: 'the user refuses this kind of ZNS' },
  [-144]: { kind: 'refused', meaning: 'the OA’s ZNS quota for the day is used up' },
  // Not in the ZNS table: what Zalo's OpenAPI answers for a token it revoked or that expired ("access_token is
  // expired or removed"), which public ZNS clients also meet and refresh on.
  [-216]: { kind: 'token', meaning: 'access token invalid' },
  [-220]: { kind: 'token', meaning: 'access token expired or removed' },
};

const answerSchema = z.object({
  error: z.coerce.number(),
  message: z.optional(z.string()),
  data: z.optional(
    z.object({
      msg_id: z.optional(z.union([z.string(), z.number()])),
      sent_time: z.optional(z.union([z.string(), z.number()])),
    }),
  ),
});
type Answer = z.infer<typeof answerSchema>;

/** tracking_id is the partner's own reference; kept short, a long one is replaced by its hash (same every retry). */
const MAX_TRACKING_ID = 48;
export const trackingId = (reference: string) =>
  reference.length <= MAX_TRACKING_ID
    ? reference
    : createHash('sha256').update(reference).digest('base64url').slice(0, MAX_TRACKING_ID);

/** ZNS takes the number as `84…` (no plus sign). */
const znsPhone = (e164: string) => e164.replace(/^\+/, '');

const send = async (token: string, body: string): Promise<Answer> => {
  const raw = jsonOf(
    await post(`${config().ZALO_API_URL}/message/template`, {
      headers: { access_token: token, 'content-type': 'application/json' },
      body,
    }),
    'Zalo ZNS',
  );
  const answer = answerSchema.safeParse(raw);
  if (!answer.success) throw new ChannelUnavailable('Zalo ZNS: an answer without an error code');
  return answer.data;
};

const MAX_ERROR = 160;
const failed = (error: string): NoticeResult => ({ status: 'FAILED', error: error.slice(0, MAX_ERROR) });

export const zaloChannel: NoticeChannel = {
  async send(notice): Promise<NoticeResult> {
    if (!notice.template) return failed('a Zalo notice needs an approved template');
    const body = JSON.stringify({
      phone: znsPhone(notice.to),
      template_id: notice.template.id,
      template_data: notice.template.data,
      tracking_id: trackingId(notice.reference),
    });
    try {
      let token = await zaloAccessToken();
      let answer = await send(token, body);
      if (ZNS_ERRORS[answer.error]?.kind === 'token') {
        // Refreshed once and tried once more; a second refusal of a fresh token is not the token's fault.
        token = await zaloAccessToken(token);
        answer = await send(token, body);
      }
      if (answer.error === 0) {
        const id = answer.data?.msg_id;
        if (id === undefined || id === '') throw new ChannelUnavailable('Zalo ZNS: accepted without a msg_id');
        return { status: 'SENT', messageId: String(id) };
      }
      const known = ZNS_ERRORS[answer.error];
      if (known?.kind === 'retry')
        throw new ChannelUnavailable(`Zalo ZNS ${answer.error}: ${answer.message ?? known.meaning}`);
      return failed(`ZNS ${answer.error}: ${known?.meaning ?? answer.message ?? 'refused'}`);
    } catch (error) {
      if (error instanceof ChannelMisconfigured) return failed(`Zalo: ${error.message}`);
      throw error;
    }
  },
};
