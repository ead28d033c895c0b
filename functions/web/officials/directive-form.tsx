import { DIRECTIVE_FORM, OFFICIAL_PAGES, pathTo } from '#contracts/routes.ts';
import { type Agency, groupsOf } from '#core/agency.ts';
import type { Official } from '#core/official.ts';
import { DateInput } from '../date-input.tsx';
import { type Lang, messages } from '../i18n/index.ts';
import { OfficialLayout } from '../layout.tsx';
import { PostForm } from '../post-form.tsx';
import type { FormValues } from './directive-form-input.ts';
import { AgencyChecks, Field, FieldError } from './form-fields.tsx';
import { AttachedFiles, IntakeSteps, type PasteState } from './form-intake.tsx';

export type { PasteState };
export type FieldErrors = Record<string, string>;

/** A task's fields are `tasks-2-…`: the summary names the task, since each task has the same fields. */
const TASK_FIELD = /^tasks-(\d+)-/;

export const DirectiveFormPage = ({
  lang,
  official,
  values,
  errors,
  directory,
  paste = { text: '' },
}: {
  lang: Lang;
  official: Official;
  values: FormValues;
  errors: FieldErrors;
  directory: Agency[];
  paste?: PasteState;
}) => {
  const m = messages(lang).form;
  const e = (id: string) => errors[id];
  const groups = [...groupsOf(directory).entries()];
  const ungrouped = directory.filter((a) => a.groups.length === 0);
  const text = (
    id: string,
    name: string,
    label: string,
    value: string,
    opts: { hint?: string; required?: boolean; type?: 'text' | 'date' | 'time' | 'email' | 'tel' | 'number' } = {},
  ) => (
    <Field id={id} label={label} error={e(id)} {...(opts.hint ? { hint: opts.hint } : {})}>
      {(aria) =>
        opts.type === 'date' ? (
          <DateInput
            id={id}
            name={name}
            lang={lang}
            value={value}
            required={opts.required}
            describedBy={aria['aria-describedby']}
            invalid={Boolean(aria['aria-invalid'])}
          />
        ) : (
          <input
            id={id}
            name={name}
            type={(opts.type ?? 'text') as 'text'}
            value={value}
            {...(opts.required ? { required: true } : {})}
            {...aria}
          />
        )
      }
    </Field>
  );
  const area = (id: string, name: string, label: string, value: string, rows = 3) => (
    <Field id={id} label={label} error={e(id)}>
      {(aria) => (
        <textarea id={id} name={name} rows={rows} {...aria}>
          {value}
        </textarea>
      )}
    </Field>
  );
  return (
    <OfficialLayout title={m.title} lang={lang} official={official} path={pathTo(DIRECTIVE_FORM.newForm)}>
      <h1>{m.title}</h1>
      <p>{m.intro}</p>
      {Object.keys(errors).length > 0 && (
        <div class="error-summary" role="alert" tabIndex={-1} id="error-summary">
          <h2>{m.errorSummary}</h2>
          <ul>
            {Object.entries(errors).map(([id, message]) => {
              const task = TASK_FIELD.exec(id)?.[1];
              const about =
                task === undefined ? '' : `${m.taskRef(Number(task) + 1, values.tasks[Number(task)]?.code ?? '')}: `;
              return (
                <li key={id}>
                  <a href={`#${id}`}>{about + message}</a>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      <PostForm
        action={pathTo(DIRECTIVE_FORM.submitForm)}
        novalidate
        enctype="multipart/form-data"
        data-directive-form
        data-required-message={m.required}
        data-email-message={m.invalidEmail}
      >
        <input type="hidden" name="idempotencyKey" value={values.idempotencyKey} />
        <IntakeSteps lang={lang} paste={paste} errors={errors} />
        <fieldset>
          <legend>{m.header}</legend>
          <div class="row">
            {text('number', 'number', m.number, values.number, { hint: m.numberHint, required: true })}
            {text('issuedOn', 'issuedOn', m.issuedOn, values.issuedOn, { type: 'date', required: true })}
            {text('place', 'place', m.place, values.place)}
          </div>
          <label class="check">
            <input type="checkbox" name="allowDuplicateNumber" checked={values.allowDuplicateNumber} />
            {m.allowDuplicateNumber}
          </label>
          <div class="row">
            {text('issuerParent', 'issuerParent', m.issuerParent, values.issuerParent)}
            {text('issuer', 'issuer', m.issuer, values.issuer, { required: true })}
          </div>
          <Field id="subject" label={m.subject} error={e('subject')}>
            {(aria) => (
              <textarea id="subject" name="subject" rows={2} required {...aria}>
                {values.subject}
              </textarea>
            )}
          </Field>
          {area('legalBases', 'legalBases', m.legalBases, values.legalBases, 4)}
          {area('body', 'body', m.body, values.body, 4)}
          {area('fullText', 'fullText', m.fullText, values.fullText, 10)}
          {area('addressees', 'addressees', m.addressees, values.addressees, 3)}
        </fieldset>

        <fieldset id="recipients" aria-describedby="recipients-hint" tabIndex={-1}>
          <legend>{m.recipients}</legend>
          <p class="hint" id="recipients-hint">
            {m.recipientsHint}
          </p>
          <FieldError id="recipients" error={e('recipients')} />
          {directory.length === 0 && (
            <p>
              {m.noDirectory} <a href={pathTo(OFFICIAL_PAGES.directory)}>{messages(lang).nav.directory}</a>
            </p>
          )}
          {groups.map(([group, members]) => (
            <fieldset key={group} class="group">
              <legend>{group}</legend>
              <label class="check">
                <input
                  type="checkbox"
                  data-select-group={group}
                  checked={members.every((a) => values.recipients.includes(a.id))}
                />
                {m.selectGroup(group)}
              </label>
              <AgencyChecks
                name="recipients[]"
                idPrefix={`recipient-${groups.findIndex(([g]) => g === group)}`}
                agencies={members}
                checked={values.recipients}
                group={group}
              />
            </fieldset>
          ))}
          {ungrouped.length > 0 && (
            <AgencyChecks name="recipients[]" idPrefix="recipient" agencies={ungrouped} checked={values.recipients} />
          )}
        </fieldset>

        <fieldset id="tasks" tabIndex={-1}>
          <legend>{m.tasks}</legend>
          <FieldError id="tasks" error={e('tasks')} />
          {values.tasks.map((t, i) => (
            <div class="task" key={`task-${i}`} data-task={i}>
              <h2>{m.task(i + 1)}</h2>
              <div class="row">
                {text(`tasks-${i}-code`, `tasks[${i}][code]`, m.taskCode, t.code, { required: true })}
                {text(`tasks-${i}-deadlineDate`, `tasks[${i}][deadlineDate]`, m.deadlineDate, t.deadlineDate, {
                  type: 'date',
                })}
                {text(`tasks-${i}-deadlineTime`, `tasks[${i}][deadlineTime]`, m.deadlineTime, t.deadlineTime, {
                  type: 'time',
                })}
                {text(
                  `tasks-${i}-deadlineWorkingDays`,
                  `tasks[${i}][deadlineWorkingDays]`,
                  m.deadlineWorkingDays,
                  t.deadlineWorkingDays,
                  { type: 'number' },
                )}
              </div>
              <div class="row">
                <Field id={`tasks-${i}-recurrence`} label={m.recurrence} error={e(`tasks-${i}-recurrence`)}>
                  {(aria) => (
                    <select id={`tasks-${i}-recurrence`} name={`tasks[${i}][recurrence]`} {...aria}>
                      {Object.entries(m.recurrenceOptions).map(([value, label]) => (
                        <option key={value} value={value} selected={t.recurrence === value}>
                          {label}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                {text(
                  `tasks-${i}-recurrenceUntil`,
                  `tasks[${i}][recurrenceUntil]`,
                  m.recurrenceUntil,
                  t.recurrenceUntil,
                  {
                    type: 'date',
                  },
                )}
              </div>
              <Field id={`tasks-${i}-text`} label={m.taskText} error={e(`tasks-${i}-text`)}>
                {(aria) => (
                  <textarea id={`tasks-${i}-text`} name={`tasks[${i}][text]`} rows={3} required {...aria}>
                    {t.text}
                  </textarea>
                )}
              </Field>
              <fieldset id={`tasks-${i}-assignees`} tabIndex={-1} class="assignees">
                <legend>{m.assignees}</legend>
                <FieldError id={`tasks-${i}-assignees`} error={e(`tasks-${i}-assignees`)} />
                <AgencyChecks
                  name={`tasks[${i}][assignees][]`}
                  idPrefix={`tasks-${i}-assignee`}
                  agencies={directory}
                  checked={t.assignees}
                />
              </fieldset>
              <label class="check">
                <input type="checkbox" name={`tasks[${i}][reportRequired]`} checked={t.reportRequired} />
                {m.reportRequired}
              </label>
              <p class="actions">
                <button
                  type="submit"
                  class="secondary"
                  name="op"
                  value={`move-up-${i}`}
                  disabled={i === 0}
                  formnovalidate
                >
                  {m.moveUp}
                </button>
                <button
                  type="submit"
                  class="secondary"
                  name="op"
                  value={`move-down-${i}`}
                  disabled={i === values.tasks.length - 1}
                  formnovalidate
                >
                  {m.moveDown}
                </button>
                <button type="submit" class="secondary" name="op" value={`remove-task-${i}`} formnovalidate>
                  {m.removeTask} {i + 1}
                </button>
              </p>
            </div>
          ))}
          <p>
            <button type="submit" class="secondary" name="op" value="add-task" formnovalidate>
              {m.addTask}
            </button>
          </p>
        </fieldset>

        <fieldset>
          <legend>{m.signer}</legend>
          <div class="row">
            {text('signer-name', 'signer[name]', m.signerName, values.signer.name, { required: true })}
            {text('signer-title', 'signer[title]', m.signerTitle, values.signer.title, { required: true })}
            {text('signer-onBehalfOf', 'signer[onBehalfOf]', m.onBehalfOf, values.signer.onBehalfOf)}
          </div>
        </fieldset>

        <fieldset id="leadership" tabIndex={-1}>
          <legend>{m.leadership}</legend>
          <FieldError id="leadership" error={e('leadership')} />
          {values.leadership.map((l, i) => (
            <div class="row" key={`leader-${i}`}>
              {text(`leadership-${i}-name`, `leadership[${i}][name]`, m.leaderName, l.name, { required: true })}
              {text(`leadership-${i}-title`, `leadership[${i}][title]`, m.leaderTitle, l.title, { required: true })}
              {text(`leadership-${i}-email`, `leadership[${i}][email]`, m.leaderEmail, l.email, {
                type: 'email',
                required: true,
              })}
              {text(`leadership-${i}-phone`, `leadership[${i}][phone]`, m.leaderPhone, l.phone, { type: 'tel' })}
              <Field id={`leadership-${i}-role`} label={m.leaderRole} error={e(`leadership-${i}-role`)}>
                {(aria) => (
                  <select id={`leadership-${i}-role`} name={`leadership[${i}][role]`} {...aria}>
                    {Object.entries(m.roles).map(([value, label]) => (
                      <option key={value} value={value} selected={l.role === value}>
                        {label}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
          ))}
          <p>
            <button type="submit" class="secondary" name="op" value="add-leader" formnovalidate>
              {m.addLeader}
            </button>
          </p>
        </fieldset>

        <fieldset>
          <legend>{m.followUp}</legend>
          <div class="row">
            <Field id="acknowledgeWithin" label={m.acknowledgeWithin} error={e('acknowledgeWithin')}>
              {(aria) => (
                <select id="acknowledgeWithin" name="acknowledgeWithin" {...aria}>
                  {Object.entries(m.ackOptions).map(([value, label]) => (
                    <option key={value} value={value} selected={values.acknowledgeWithin === value}>
                      {label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <fieldset id="remindBefore" class="plain">
              <legend>{m.remindBefore}</legend>
              <FieldError id="remindBefore" error={e('remindBefore')} />
              <div class="checks">
                {Object.entries(m.remindOptions).map(([value, label]) => (
                  <label key={value} class="check">
                    <input
                      type="checkbox"
                      name="remindBefore[]"
                      value={value}
                      checked={values.remindBefore.includes(value)}
                    />
                    {label}
                  </label>
                ))}
                <label class="check">
                  <input type="checkbox" name="remindOnTheDay" checked={values.remindOnTheDay} />
                  {m.remindOnTheDay}
                </label>
              </div>
            </fieldset>
            {text(
              'escalateAfterWorkingDays',
              'escalateAfterWorkingDays',
              m.escalateAfter,
              values.escalateAfterWorkingDays,
              {
                type: 'number',
              },
            )}
          </div>
        </fieldset>

        {area('copies', 'copies', m.copies, values.copies, 4)}

        <AttachedFiles lang={lang} original={values.originalFile} annexes={values.annexes} errors={errors} />

        <p>
          <button type="submit" name="op" value="issue">
            {m.submit}
          </button>
        </p>
      </PostForm>
    </OfficialLayout>
  );
};
