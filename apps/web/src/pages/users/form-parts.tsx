import type { ReactNode } from 'react';

/** The fields of the user form and the server's names for them (the API's `field`). */
export type UserField = 'name' | 'nip' | 'roles' | 'offices' | 'expires';
export type FieldErrors = Partial<Record<UserField, string>>;

/** Where the error summary's link for a field goes: its input, or the first choice of a group. */
export const FIELD_TARGET: Record<UserField, string> = {
  name: 'user-name',
  nip: 'user-nip',
  roles: 'user-role-admin',
  offices: 'user-offices-all',
  expires: 'user-expires-30d',
};

/** GOV.UK style: the error summary at the top, each entry a link to its field. */
export function ErrorSummary({ title, errors, summaryRef }: { title: string; errors: FieldErrors; summaryRef: React.Ref<HTMLDivElement> }) {
  const entries = Object.entries(errors) as Array<[UserField, string]>;
  if (!entries.length) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={summaryRef} data-testid="user-error-summary">
      <h2>{title}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li key={field}>
            <a href={`#${FIELD_TARGET[field]}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A question: its label (or legend), hint and error, in that order, with the error's red bar. */
export function Question(props: {
  field: UserField;
  error?: string;
  label: string;
  hint?: string;
  /** A group of checkboxes or radios: a fieldset with a legend instead of a label. */
  group?: boolean;
  children: ReactNode;
}) {
  const { field, error, label, hint, group, children } = props;
  const className = `field${error ? ' field-error' : ''}`;
  const texts = (
    <>
      {hint && (
        <p className="hint" id={`user-${field}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="error-message" id={`user-${field}-error`}>
          {error}
        </p>
      )}
    </>
  );
  if (group)
    return (
      <fieldset className={`${className} users-group`} aria-describedby={describedBy(field, hint, error)}>
        <legend>{label}</legend>
        {texts}
        {children}
      </fieldset>
    );
  return (
    <div className={className}>
      <label htmlFor={FIELD_TARGET[field]}>{label}</label>
      {texts}
      {children}
    </div>
  );
}

/** The ids of a field's hint and error, for aria-describedby. */
export function describedBy(field: UserField, hint?: string, error?: string): string | undefined {
  const ids = [hint && `user-${field}-hint`, error && `user-${field}-error`].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** A checkbox or radio with its label and, optionally, a line saying what it means. */
export function Choice(props: {
  type: 'checkbox' | 'radio';
  id: string;
  name: string;
  label: string;
  description?: string;
  checked: boolean;
  onChange: () => void;
  testId?: string;
}) {
  const { type, id, name, label, description, checked, onChange, testId } = props;
  return (
    <div className="users-choice">
      <input
        type={type}
        id={id}
        name={name}
        checked={checked}
        onChange={onChange}
        data-testid={testId}
        aria-describedby={description ? `${id}-desc` : undefined}
      />
      <label htmlFor={id}>{label}</label>
      {description && (
        <p className="hint" id={`${id}-desc`}>
          {description}
        </p>
      )}
    </div>
  );
}
