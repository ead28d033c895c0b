import { OFFICIAL_PAGES, pathTo } from '#contracts/routes.ts';
import type { Agency } from '#core/agency.ts';
import type { Official } from '#core/official.ts';
import { type Lang, messages, noticesMessages } from '../i18n/index.ts';
import { OfficialLayout } from '../layout.tsx';
import { PostForm } from '../post-form.tsx';

export const DirectoryPage = ({
  lang,
  official,
  agencies,
  notice,
  errors = {},
  editing,
}: {
  lang: Lang;
  official: Official;
  agencies: Agency[];
  notice?: string | undefined;
  errors?: Record<string, string>;
  /** The agency being edited, or the values of a rejected save. */
  editing?: Partial<Record<keyof Agency, string>> | undefined;
}) => {
  const m = messages(lang).directory;
  const field = (name: keyof Agency, label: string, type: 'text' | 'email' | 'tel' = 'text', required = false) => (
    <div class="field">
      <label for={`agency-${name}`}>{label}</label>
      {errors[name] && (
        <p class="field-error" id={`agency-${name}-error`}>
          {errors[name]}
        </p>
      )}
      <input
        id={`agency-${name}`}
        name={name}
        type={type as 'text'}
        value={editing?.[name] ?? ''}
        {...(required ? { required: true } : {})}
        {...(errors[name] ? { 'aria-invalid': 'true', 'aria-describedby': `agency-${name}-error` } : {})}
      />
    </div>
  );
  const n = noticesMessages(lang);
  /** A flag as stored (`true`) or as a rejected form typed it (`on`). */
  const ticked = (name: 'noSms' | 'noZalo') => ['true', 'on', '1'].includes(editing?.[name] ?? '');
  const flag = (name: 'noSms' | 'noZalo', label: string) => (
    <div class="field">
      <label for={`agency-${name}`}>
        <input
          id={`agency-${name}`}
          name={name}
          type="checkbox"
          value="on"
          {...(ticked(name) ? { checked: true } : {})}
        />{' '}
        {label}
      </label>
    </div>
  );
  const flags = (a: Agency) => [a.noSms ? n.noSms : '', a.noZalo ? n.noZalo : ''].filter(Boolean).join('; ');
  return (
    <OfficialLayout title={m.title} lang={lang} official={official} path={pathTo(OFFICIAL_PAGES.directory)}>
      <h1>{m.title}</h1>
      <p>{m.intro}</p>
      {notice && (
        <p class="message ok" role="status">
          {notice}
        </p>
      )}
      {Object.keys(errors).length > 0 && (
        <div class="error-summary" role="alert">
          <ul>
            {Object.entries(errors).map(([k, v]) => (
              <li key={k}>
                <a href={`#agency-${k}`}>{v}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {agencies.length === 0 ? (
        <p>{m.empty}</p>
      ) : (
        <table class="grid">
          <caption class="hint">{m.title}</caption>
          <thead>
            <tr>
              <th scope="col">{m.id.replace(' *', '')}</th>
              <th scope="col">{m.name.replace(' *', '')}</th>
              <th scope="col">{m.email.replace(' *', '')}</th>
              <th scope="col">{m.groups}</th>
              <th scope="col">{m.phone}</th>
              <th scope="col">{m.headName}</th>
              <th scope="col">{m.actions}</th>
            </tr>
          </thead>
          <tbody>
            {agencies.map((a) => (
              <tr key={a.id}>
                <td>{a.id}</td>
                <td>{a.name}</td>
                <td>{a.email}</td>
                <td>{a.groups.join('; ')}</td>
                <td>
                  {a.phone}
                  {flags(a) && <span class="small"> ({flags(a)})</span>}
                </td>
                <td>
                  {a.headName}
                  {a.headEmail ? ` <${a.headEmail}>` : ''}
                  {a.headPhone ? ` ${a.headPhone}` : ''}
                </td>
                <td class="actions">
                  <a href={pathTo(OFFICIAL_PAGES.directory, {}, `edit=${encodeURIComponent(a.id)}`)}>
                    {m.edit} <span class="small">{a.name}</span>
                  </a>
                  <PostForm action={pathTo(OFFICIAL_PAGES.saveAgency)} data-confirm={m.removeConfirm}>
                    <input type="hidden" name="id" value={a.id} />
                    <button type="submit" name="action" value="delete" class="secondary">
                      {m.remove} <span class="small">{a.name}</span>
                    </button>
                  </PostForm>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <PostForm action={pathTo(OFFICIAL_PAGES.saveAgency)} class="panel">
        <h2>{m.add}</h2>
        <div class="row">
          {field('id', m.id, 'text', true)}
          {field('name', m.name, 'text', true)}
          {field('email', m.email, 'email', true)}
        </div>
        <div class="row">
          {field('groups', `${m.groups} (${m.groupsHint})`)}
          {field('phone', m.phone, 'tel')}
          {field('headName', m.headName)}
          {field('headEmail', m.headEmail, 'email')}
          {field('headPhone', n.headPhone, 'tel')}
        </div>
        <div class="row">
          {flag('noSms', n.noSms)}
          {flag('noZalo', n.noZalo)}
        </div>
        <p>
          <button type="submit" name="action" value="save">
            {m.save}
          </button>
        </p>
      </PostForm>
      <PostForm action={pathTo(OFFICIAL_PAGES.importDirectory)} enctype="multipart/form-data" class="panel">
        <h2>{m.import}</h2>
        <p class="hint" id="import-hint">
          {m.importHint}
        </p>
        <label for="import-file">{m.importFile}</label>
        <input
          id="import-file"
          type="file"
          name="file"
          accept=".csv,text/csv"
          required
          aria-describedby="import-hint"
        />
        <p>
          <button type="submit">{m.importSubmit}</button>
        </p>
      </PostForm>
    </OfficialLayout>
  );
};
