import type { Assignment } from '#core/assignment/model.ts';
import { type ChannelState, channelsReached } from '#core/assignment/notices.ts';
import { type Lang, noticesMessages } from '../i18n/index.ts';

const MARK: Record<ChannelState, string> = { SENT: '✓', FAILED: '✗', NONE: '–' };
const TONE: Record<ChannelState, string> = { SENT: 'ok', FAILED: 'overdue', NONE: 'small' };

/** The dashboard's cell of the channels that reached one agency: email ✓, SMS ✓ / ✗ failed / – none, Zalo alike. */
export const ChannelsCell = ({ a, lang }: { a: Assignment; lang: Lang }) => {
  const m = noticesMessages(lang);
  const reached = channelsReached(a);
  const word: Record<ChannelState, string> = { SENT: m.reached, FAILED: m.failed, NONE: m.none };
  const lines = [
    ['email', m.email],
    ['sms', 'SMS'],
    ['zalo', 'Zalo'],
  ] as const;
  return (
    <td
      class="small"
      data-label={m.column}
      data-channels={`email:${reached.email} sms:${reached.sms} zalo:${reached.zalo}`}
    >
      {lines.map(([key, label]) => (
        <div key={key} class={TONE[reached[key]]} title={word[reached[key]]}>
          {label} {MARK[reached[key]]}
          {reached[key] === 'FAILED' ? ` ${m.failed}` : ''}
        </div>
      ))}
    </td>
  );
};
