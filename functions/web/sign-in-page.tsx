import { type Lang, messages } from '../shared/pages/i18n.ts';
import { OfficialLayout } from './layout.tsx';

export const SignInPage = ({
  lang,
  next,
  error,
  notice,
  challenge,
  email = '',
}: {
  lang: Lang;
  next: string;
  /** What was typed, kept after a refusal. */
  email?: string;
  error?: string;
  notice?: string;
  /** Cognito asks a new user to replace the temporary password: its session and the user's email. */
  challenge?: { session: string; email: string };
}) => {
  const m = messages(lang).signIn;
  return (
    <OfficialLayout title={m.title} lang={lang} path="/sign-in">
      <h1>{m.title}</h1>
      <p>{challenge ? m.newPasswordIntro : m.intro}</p>
      {notice && (
        <p class="message ok" role="status">
          {notice}
        </p>
      )}
      {error && (
        <p class="error-summary" role="alert" id="sign-in-error">
          {error}
        </p>
      )}
      <form method="post" action="/sign-in" class="panel" style="max-width:420px">
        <input type="hidden" name="next" value={next} />
        {challenge ? (
          <>
            <input type="hidden" name="session" value={challenge.session} />
            <input type="hidden" name="email" value={challenge.email} />
            <label for="new-password">{m.newPassword}</label>
            <input
              id="new-password"
              name="newPassword"
              type="password"
              autocomplete="new-password"
              minLength={12}
              required
            />
            <p>
              <button type="submit">{m.setPassword}</button>
            </p>
          </>
        ) : (
          <>
            <label for="email">{m.email}</label>
            <input
              id="email"
              name="email"
              type="email"
              autocomplete="username"
              value={email}
              required
              {...(error ? { 'aria-describedby': 'sign-in-error' } : {})}
            />
            <label for="password">{m.password}</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required />
            <p>
              <button type="submit">{m.submit}</button>
            </p>
          </>
        )}
      </form>
    </OfficialLayout>
  );
};
