import { pathTo, RECIPIENT } from '#contracts/routes.ts';
import type { Contact } from '#core/assignment/model.ts';
import type { Messages } from '../i18n/index.ts';

/** The agency names the person who handles the directive; the reminders are copied to them. */
export const HandlerForm = ({
  token,
  handler,
  m,
}: {
  token: string;
  handler: Contact | undefined;
  m: Messages['recipient'];
}) => (
  <section class="panel" aria-labelledby="handler-title">
    <h2 id="handler-title">{m.handlerTitle}</h2>
    <p class="hint">{m.handlerHint}</p>
    {handler?.name && handler.email && <p>{m.handlerCurrent(handler.name, handler.email)}</p>}
    <form method="post" action={pathTo(RECIPIENT.handler, { token })}>
      <label for="handler-name">{m.handlerName}</label>
      <input id="handler-name" name="name" required maxLength={200} value={handler?.name ?? ''} />
      <label for="handler-email">{m.handlerEmail}</label>
      <input id="handler-email" type="email" name="email" required maxLength={254} value={handler?.email ?? ''} />
      <label for="handler-phone">{m.handlerPhone}</label>
      <input id="handler-phone" type="tel" name="phone" maxLength={40} value={handler?.phone ?? ''} />
      <p>
        <button type="submit" class="secondary">
          {m.handlerSave}
        </button>
      </p>
    </form>
  </section>
);
