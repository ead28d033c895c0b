import { OFFICIAL_PAGES, pathTo } from '#contracts/routes.ts';
import type { Agency } from '#core/agency.ts';
import { directoryMessages, type Lang, messages, noticesMessages } from '../i18n/index.ts';
import { PostForm } from '../post-form.tsx';

/**
 * The directory's forms: add or edit an agency, confirm a removal, import a file. Each carries `back`, the view the
 * official came from (its query string), so that the answer brings them back to it.
 */

/** The agency being edited, or the values of a rejected save, as the form's fields hold them. */
export type Editing = Partial<Record<keyof Agency, string>>;

/** A rejected import: the file's name and its problems, each with its row's number and text when it has a row. */
export type ImportProblems = { file: string; problems: { line?: number; text?: string; message: string }[] };

const Back = ({ value }: { value: string }) => <input type="hidden" name="back" value={value} />;

export const AgencyForm = ({
  lang,
  errors,
  editing,
  back,
}: {
  lang: Lang;
  errors: Record<string, string>;
  editing?: Editing | undefined;
  back: string;
}) => {
  const m = messages(lang).directory;
  const n = noticesMessages(lang);
  // Field ids are `field-…`: `agency-…` is the rows' anchors, and an agency may well be called "name".
  const field = (name: keyof Agency, label: string, type: 'text' | 'email' | 'tel' = 'text', required = false) => (
    <div class="field">
      <label for={`field-${name}`}>{label}</label>
      {errors[name] && (
        <p class="field-error" id={`field-${name}-error`}>
          {errors[name]}
        </p>
      )}
      <input
        id={`field-${name}`}
        name={name}
        type={type as 'text'}
        value={editing?.[name] ?? ''}
        {...(required ? { required: true } : {})}
        {...(errors[name] ? { 'aria-invalid': 'true', 'aria-describedby': `field-${name}-error` } : {})}
      />
    </div>
  );
  /** A flag as stored (`true`) or as a rejected form typed it (`on`). */
  const ticked = (name: 'noSms' | 'noZalo') => ['true', 'on', '1'].includes(editing?.[name] ?? '');
  const flag = (name: 'noSms' | 'noZalo', label: string) => (
    <div class="field">
      <label for={`field-${name}`} class="check">
        <input
          id={`field-${name}`}
          name={name}
          type="checkbox"
          value="on"
          {...(ticked(name) ? { checked: true } : {})}
        />{' '}
        {label}
      </label>
    </div>
  );
  return (
    <PostForm action={pathTo(OFFICIAL_PAGES.saveAgency)} class="panel" id="agency-form">
      <h2>{m.add}</h2>
      <Back value={back} />
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
  );
};

/** The confirmation a removal goes through: no script needed, and nothing is removed by a stray click. */
export const RemovePanel = ({
  lang,
  agency,
  back,
  cancel,
}: {
  lang: Lang;
  agency: Agency;
  back: string;
  cancel: string;
}) => {
  const d = directoryMessages(lang);
  return (
    <section class="message warn" id="confirm-remove" aria-labelledby="confirm-remove-title">
      <h2 id="confirm-remove-title">{d.confirmTitle(agency.name)}</h2>
      <p>{d.confirmText}</p>
      <PostForm action={pathTo(OFFICIAL_PAGES.saveAgency)} class="inline">
        <input type="hidden" name="id" value={agency.id} />
        <Back value={back} />
        <button type="submit" name="action" value="delete">
          {d.confirmRemove(agency.name)}
        </button>
      </PostForm>{' '}
      <a href={`${cancel}#agency-${agency.id}`}>{d.cancel}</a>
    </section>
  );
};

export const ImportPanel = ({
  lang,
  back,
  problems,
}: {
  lang: Lang;
  back: string;
  problems?: ImportProblems | undefined;
}) => {
  const d = directoryMessages(lang);
  return (
    <PostForm
      action={pathTo(OFFICIAL_PAGES.importDirectory)}
      enctype="multipart/form-data"
      class="panel"
      id="import"
      aria-labelledby="import-title"
    >
      <h2 id="import-title">{d.importTitle}</h2>
      <Back value={back} />
      <p class="hint" id="import-hint">
        {d.importHint}
      </p>
      <p>
        <a href={pathTo(OFFICIAL_PAGES.directorySample)} download>
          {d.sample}
        </a>
      </p>
      {problems && (
        <div class="error-summary" id="import-errors">
          <h3>{d.importFailed(problems.file)}</h3>
          <ul class="import-problems">
            {problems.problems.map((p, i) => (
              <li key={i}>
                {p.line !== undefined && <strong>{d.line(p.line)}: </strong>}
                {p.message}
                {p.text !== undefined && (
                  <>
                    <span class="skip"> {d.lineText}</span>
                    <code>{p.text}</code>
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      <label for="import-file">{d.importFile}</label>
      <input
        id="import-file"
        type="file"
        name="file"
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        required
        aria-describedby={problems ? 'import-hint import-errors' : 'import-hint'}
        {...(problems ? { 'aria-invalid': 'true' } : {})}
      />
      <p>
        <button type="submit">{d.importSubmit}</button>
      </p>
    </PostForm>
  );
};
