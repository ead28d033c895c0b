import type { ComponentChildren } from 'preact';
import type { Agency } from '#core/agency.ts';

/** The directive form's building blocks: labelled controls and agency pickers, wired for screen readers. */

/** A labelled control with its hint and its error, wired for screen readers. */
export const Field = ({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string;
  children: (aria: Record<string, string>) => ComponentChildren;
}) => {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {children({
        ...(described ? { 'aria-describedby': described } : {}),
        ...(error ? { 'aria-invalid': 'true' } : {}),
      })}
    </div>
  );
};

export const FieldError = ({ id, error }: { id: string; error?: string | undefined }) =>
  error ? (
    <p class="field-error" id={`${id}-error`}>
      {error}
    </p>
  ) : null;

export const AgencyChecks = ({
  name,
  idPrefix,
  agencies,
  checked,
  group,
}: {
  name: string;
  idPrefix: string;
  agencies: Agency[];
  checked: string[];
  group?: string;
}) => (
  <div class="checks">
    {agencies.map((a) => (
      <label key={a.id} class="check" data-agency={a.id}>
        <input
          type="checkbox"
          name={name}
          value={a.id}
          id={`${idPrefix}-${a.id}`}
          checked={checked.includes(a.id)}
          {...(group ? { 'data-in-group': group } : {})}
        />
        {a.name}
      </label>
    ))}
  </div>
);
