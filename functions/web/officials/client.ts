/**
 * The officials' pages work without script; this makes them nicer. It is served as the source text of this
 * one function (`/assets/officials.js`), so it must not refer to anything outside its own body.
 */
export function officialsClient() {
  const doc = document;

  // The directive form: check required fields in the browser, with the same messages next to the field.
  const form = doc.querySelector<HTMLFormElement>('form[data-directive-form]');
  if (form) {
    const requiredMessage = form.dataset.requiredMessage ?? 'Required';
    const showError = (input: HTMLInputElement | HTMLTextAreaElement, message: string) => {
      const id = `${input.id}-error`;
      let note = doc.getElementById(id);
      if (!note) {
        note = doc.createElement('p');
        note.id = id;
        note.className = 'field-error';
        input.parentElement?.insertBefore(note, input);
      }
      note.textContent = message;
      input.setAttribute('aria-invalid', 'true');
      const described = new Set((input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean));
      described.add(id);
      input.setAttribute('aria-describedby', [...described].join(' '));
    };
    const clearError = (input: HTMLInputElement | HTMLTextAreaElement) => {
      doc.getElementById(`${input.id}-error`)?.remove();
      input.removeAttribute('aria-invalid');
    };
    form.addEventListener('submit', (event) => {
      const submitter = (event as SubmitEvent).submitter as HTMLButtonElement | null;
      if (submitter?.value && submitter.value !== 'issue') return; // add, remove or move a row
      let first: HTMLElement | undefined;
      for (const input of form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('[required]')) {
        if (input.value.trim() === '') {
          showError(input, requiredMessage);
          first ??= input;
        } else if (input.type === 'email' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(input.value.trim())) {
          showError(input, form.dataset.emailMessage ?? requiredMessage);
          first ??= input;
        } else clearError(input);
      }
      if (first) {
        event.preventDefault();
        first.focus();
      }
    });

    // Picking recipients: a group's box ticks its members; each task offers only the chosen recipients.
    const recipientBoxes = () => [...form.querySelectorAll<HTMLInputElement>('input[name="recipients[]"]')];
    const syncAssignees = () => {
      const chosen = new Set(
        recipientBoxes()
          .filter((b) => b.checked)
          .map((b) => b.value),
      );
      for (const label of form.querySelectorAll<HTMLElement>('.assignees [data-agency]')) {
        label.hidden = chosen.size > 0 && !chosen.has(label.dataset.agency ?? '');
      }
    };
    for (const groupBox of form.querySelectorAll<HTMLInputElement>('input[data-select-group]')) {
      groupBox.addEventListener('change', () => {
        for (const box of recipientBoxes()) {
          if (box.dataset.inGroup === groupBox.dataset.selectGroup) {
            for (const same of recipientBoxes()) if (same.value === box.value) same.checked = groupBox.checked;
          }
        }
        syncAssignees();
      });
    }
    for (const box of recipientBoxes()) {
      box.addEventListener('change', () => {
        for (const same of recipientBoxes()) if (same.value === box.value) same.checked = box.checked;
        syncAssignees();
      });
    }
    syncAssignees();
    doc.getElementById('error-summary')?.focus();
  }

  // The status sheet's print button: printing needs the script, so the button shows only with it.
  for (const button of doc.querySelectorAll<HTMLButtonElement>('button[data-print]')) {
    button.hidden = false;
    button.addEventListener('click', () => window.print());
  }

  // Ask before withdrawing a directive or an agency's assignment. Delegated, so that forms the dashboard's refresh puts in place ask too.
  doc.addEventListener('submit', (event) => {
    const target = event.target as HTMLFormElement | null;
    const question = target?.dataset.confirm;
    if (question && !window.confirm(question)) event.preventDefault();
  });

  // A directive's dashboard keeps itself current, unless the official is typing in it.
  const live = doc.querySelector<HTMLElement>('[data-live]');
  if (live) {
    const refresh = async () => {
      const active = doc.activeElement;
      if (active && live.contains(active) && active.matches('input, select, textarea')) return;
      // An open row menu is an official in the middle of an action: replacing it would close it under them.
      if (live.querySelector('details[open]')) return;
      const response = await fetch(window.location.href, {
        headers: { accept: 'text/html' },
        credentials: 'same-origin',
      });
      if (!response.ok) return;
      const next = new DOMParser().parseFromString(await response.text(), 'text/html').querySelector('[data-live]');
      if (next && next.innerHTML !== live.innerHTML) live.innerHTML = next.innerHTML;
    };
    window.setInterval(() => {
      refresh().catch(() => {});
    }, 4000);
  }
}
