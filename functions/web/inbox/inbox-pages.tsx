import { INBOX, pathTo } from '#contracts/routes.ts';
import type { Assignment } from '#core/assignment/model.ts';
import { formatDate } from '#core/calendar/time.ts';
import { subjectLine } from '#core/subject.ts';
import { type InboxMessages, inboxMessages, type Lang, messages } from '../i18n/index.ts';
import { Layout, Message } from '../render.tsx';

/**
 * An agency's inbox: the form that asks for an address, the one answer it always gets, and the list its signed
 * link opens. Plain HTML that works before any script and at phone width (a list of cards, not a table).
 */

const LangSwitch = ({ lang, path }: { lang: Lang; path: string }) => {
  const all = messages(lang);
  return (
    <p class="hint">
      <a href={`${path}?lang=${all.switchLang}`} lang={all.switchLang} hreflang={all.switchLang}>
        {all.switchTo}
      </a>
    </p>
  );
};

export const InboxFormPage = ({
  lang,
  email = '',
  error,
}: {
  lang: Lang;
  email?: string;
  /** The field's problem, in the page's language, with the address as typed. */
  error?: string | undefined;
}) => {
  const m = inboxMessages(lang);
  return (
    <Layout title={m.title} lang={lang}>
      <LangSwitch lang={lang} path={pathTo(INBOX.form)} />
      <h1>{m.title}</h1>
      <p>{m.intro}</p>
      <form method="post" action={pathTo(INBOX.request)} class="panel" noValidate={false}>
        <label for="inbox-email">{m.email}</label>
        <input
          id="inbox-email"
          name="email"
          type="email"
          required
          maxLength={254}
          autoComplete="email"
          inputMode="email"
          value={email}
          {...(error ? { 'aria-invalid': 'true', 'aria-describedby': 'inbox-email-error' } : {})}
        />
        {error && (
          <p id="inbox-email-error" class="error-text">
            {error}
          </p>
        )}
        <p>
          <button type="submit">{m.submit}</button>
        </p>
      </form>
    </Layout>
  );
};

/** The same answer whatever the address: whether it has assignments is only learnt by reading its mail. */
export const InboxSentPage = ({ lang }: { lang: Lang }) => {
  const m = inboxMessages(lang);
  return (
    <Layout title={m.sentTitle} lang={lang}>
      <Message title={m.sentTitle} tone="ok" level={1}>
        <p>{m.sent}</p>
        <p class="hint">{m.sentHint}</p>
      </Message>
    </Layout>
  );
};

export type InboxItem = {
  assignment: Assignment;
  open: boolean;
  deadline: string | undefined;
  number: string;
  subject: string;
  issuer: string;
  link: string | undefined;
};

const Item = ({ item, now, lang, m }: { item: InboxItem; now: string; lang: Lang; m: InboxMessages }) => {
  const overdue = item.open && item.deadline !== undefined && Date.parse(item.deadline) <= Date.parse(now);
  const a = item.assignment;
  return (
    <li class="inbox-item" data-directive={a.directiveId}>
      <h3 class="inbox-number">
        {item.number}
        {item.subject && <span class="inbox-subject"> — {subjectLine(item.subject)}</span>}
      </h3>
      <p>
        {m.issuer}: <strong>{item.issuer}</strong>
      </p>
      <p>
        <span class={a.status === 'COMPLETED' ? 'badge ok' : overdue ? 'badge err' : 'badge'}>
          {messages(lang).status[a.status]}
        </span>{' '}
        {item.deadline && (
          <span class={overdue ? 'badge err' : item.open ? 'badge warn' : 'badge'}>
            {item.open ? m.deadline : m.lastDeadline}: {formatDate(item.deadline)}
            {overdue ? ` (${m.overdue})` : ''}
          </span>
        )}
      </p>
      <p>{item.link ? <a href={item.link}>{m.openPage}</a> : <span class="hint">{m.noPage}</span>}</p>
    </li>
  );
};

export const InboxListPage = ({
  lang,
  email,
  expiresAt,
  items,
  now,
  path,
}: {
  lang: Lang;
  email: string;
  expiresAt: string;
  items: InboxItem[];
  now: string;
  /** This page's own path, for the language switch. */
  path: string;
}) => {
  const m = inboxMessages(lang);
  const open = items.filter((i) => i.open);
  const closed = items.filter((i) => !i.open);
  return (
    <Layout title={m.listTitle(email)} lang={lang}>
      <LangSwitch lang={lang} path={path} />
      <h1 style={{ overflowWrap: 'anywhere' }}>{m.listTitle(email)}</h1>
      <p class="hint">{m.validUntil(formatDate(expiresAt))}</p>
      <h2>
        {m.open} ({open.length})
      </h2>
      {open.length === 0 ? (
        <p>{m.noneOpen}</p>
      ) : (
        <ul class="tasks inbox-open">
          {open.map((item) => (
            <Item key={`${item.assignment.directiveId}/${item.assignment.recipientId}`} {...{ item, now, lang, m }} />
          ))}
        </ul>
      )}
      {closed.length > 0 && (
        <>
          <h2>
            {m.closed} ({closed.length})
          </h2>
          <ul class="tasks inbox-closed">
            {closed.map((item) => (
              <Item key={`${item.assignment.directiveId}/${item.assignment.recipientId}`} {...{ item, now, lang, m }} />
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
};

/** A forged, foreign or expired inbox link: say so, and offer the form again. */
export const InboxRefusedPage = ({ lang, status, text }: { lang: Lang; status: number; text: string }) => {
  const m = inboxMessages(lang);
  const title = status === 410 ? m.goneTitle : m.invalidTitle;
  return (
    <Layout title={title} lang={lang}>
      <Message title={title} tone="warn" level={1}>
        <p>{text}</p>
        <p>
          <a class="button" href={pathTo(INBOX.form)}>
            {m.askAgain}
          </a>
        </p>
      </Message>
    </Layout>
  );
};
