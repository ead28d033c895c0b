import { OFFICIAL_PAGES, pathTo } from '#contracts/routes.ts';
import type { NoticeChannel } from '#core/assignment/model.ts';
import { isProvince } from '#core/office.ts';
import type { OfficeSettings } from '#core/office-settings.ts';
import type { Official } from '#core/official.ts';
import { type Lang, noticesMessages } from '../i18n/index.ts';
import { OfficialLayout } from '../layout.tsx';
import { PostForm } from '../post-form.tsx';

/**
 * The office's settings: which phone channels its directives use beside the email. A channel this deployment cannot
 * send through is still offered (an office may decide before the administrator configures it) and says so.
 */
export const SettingsPage = ({
  lang,
  official,
  settings,
  configured,
  notice,
}: {
  lang: Lang;
  official: Official;
  settings: OfficeSettings;
  configured: readonly NoticeChannel[];
  notice?: string | undefined;
}) => {
  const m = noticesMessages(lang);
  const readOnly = isProvince(official);
  const box = (channel: NoticeChannel, label: string) => (
    <div class="field">
      <label for={`settings-${channel}`}>
        <input
          id={`settings-${channel}`}
          type="checkbox"
          name={channel}
          value="on"
          {...(settings.channels[channel] ? { checked: true } : {})}
          {...(readOnly ? { disabled: true } : {})}
        />{' '}
        {label}
      </label>
      {!configured.includes(channel) && <p class="hint">{m.notConfigured}</p>}
    </div>
  );
  return (
    <OfficialLayout title={m.title} lang={lang} official={official} path={pathTo(OFFICIAL_PAGES.settings)}>
      <h1>{m.title}</h1>
      <p>{m.intro}</p>
      {notice && (
        <p class="message ok" role="status">
          {notice}
        </p>
      )}
      {readOnly && <p class="message warn">{m.readOnly}</p>}
      <PostForm action={pathTo(OFFICIAL_PAGES.saveSettings)} class="panel">
        <fieldset>
          <legend>{m.channels}</legend>
          {box('sms', m.sms)}
          {box('zalo', m.zalo)}
        </fieldset>
        <p class="hint">{m.appliesHint}</p>
        {!readOnly && (
          <p>
            <button type="submit">{m.save}</button>
          </p>
        )}
      </PostForm>
    </OfficialLayout>
  );
};
