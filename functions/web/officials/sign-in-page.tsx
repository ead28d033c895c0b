import { pathTo, SIGN_IN } from '#contracts/routes.ts';
import { type Lang, messages } from '../i18n/index.ts';
import { OfficialLayout } from '../layout.tsx';
import { PostForm } from '../post-form.tsx';

/**
 * What Cognito asked for after the password, carried through the next form: its `session`, the user's email
 * (shown, and kept for a retry) and `username` (Cognito's own name for the user, which challenges answer to).
 */
export type SignInChallenge =
  | { step: 'new-password'; session: string; email: string; username: string }
  | { step: 'mfa'; session: string; email: string; username: string }
  /** First sign-in with MFA required: the authenticator app's secret, and the same as an otpauth:// URI. */
  | { step: 'mfa-setup'; session: string; email: string; username: string; secret: string; uri: string };

/** Six digits, as authenticator apps show them; `one-time-code` lets phones offer the code. */
const CodeInput = ({ label, described }: { label: string; described?: string | undefined }) => (
  <>
    <label for="code">{label}</label>
    <input
      id="code"
      name="code"
      type="text"
      inputMode="numeric"
      autocomplete="one-time-code"
      pattern="[0-9]{6}"
      maxLength={6}
      required
      {...(described ? { 'aria-describedby': described } : {})}
    />
  </>
);

const ChallengeFields = ({ lang, challenge, error }: { lang: Lang; challenge: SignInChallenge; error?: string }) => {
  const m = messages(lang).signIn;
  const described = error ? 'sign-in-error' : undefined;
  const carried = (
    <>
      <input type="hidden" name="step" value={challenge.step} />
      <input type="hidden" name="session" value={challenge.session} />
      <input type="hidden" name="email" value={challenge.email} />
      <input type="hidden" name="username" value={challenge.username} />
    </>
  );
  if (challenge.step === 'new-password')
    return (
      <>
        {carried}
        <label for="new-password">{m.newPassword}</label>
        <input
          id="new-password"
          name="newPassword"
          type="password"
          autocomplete="new-password"
          minLength={12}
          required
          {...(described ? { 'aria-describedby': described } : {})}
        />
        <p>
          <button type="submit">{m.setPassword}</button>
        </p>
      </>
    );
  if (challenge.step === 'mfa')
    return (
      <>
        {carried}
        <CodeInput label={m.mfaCode} described={described} />
        <p>
          <button type="submit">{m.mfaSubmit}</button>
        </p>
      </>
    );
  return (
    <>
      {carried}
      <input type="hidden" name="secret" value={challenge.secret} />
      <p>{m.mfaSecret}</p>
      <p>
        <code class="secret" id="mfa-secret">
          {challenge.secret.replace(/(.{4})(?=.)/g, '$1 ')}
        </code>
      </p>
      <p>{m.mfaUri}</p>
      <p>
        <code class="secret" id="mfa-uri" style="word-break:break-all">
          {challenge.uri}
        </code>
      </p>
      <CodeInput label={m.mfaCode} described={described} />
      <p>
        <button type="submit">{m.mfaSetupSubmit}</button>
      </p>
    </>
  );
};

const introOf = (lang: Lang, challenge: SignInChallenge | undefined) => {
  const m = messages(lang).signIn;
  if (!challenge) return m.intro;
  return { 'new-password': m.newPasswordIntro, mfa: m.mfaIntro, 'mfa-setup': m.mfaSetupIntro }[challenge.step];
};

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
  /** Cognito asks for more than the password: a new password, or a code from the authenticator app. */
  challenge?: SignInChallenge;
}) => {
  const m = messages(lang).signIn;
  const title = challenge?.step === 'mfa' || challenge?.step === 'mfa-setup' ? m.mfaTitle : m.title;
  return (
    <OfficialLayout title={title} lang={lang} path={pathTo(SIGN_IN.form)}>
      <h1>{title}</h1>
      <p>{introOf(lang, challenge)}</p>
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
      <PostForm action={pathTo(SIGN_IN.signIn)} class="panel" style="max-width:420px">
        <input type="hidden" name="next" value={next} />
        {challenge ? (
          <ChallengeFields lang={lang} challenge={challenge} {...(error ? { error } : {})} />
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
      </PostForm>
    </OfficialLayout>
  );
};
