import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DirectiveView, type Runtime, startRuntime } from '../support/runtime.ts';
import { AGENCIES, agency, DIRECTIVE, TASKS } from './fixtures/gia-lai-126.ts';
import {
  BROWSER_TIMEOUT,
  closeAll,
  eventually,
  importDirectory,
  launchBrowser,
  localDate,
  localInstant,
  navigationsOf,
  newContext,
  officialOf,
  screenshot,
} from './support.ts';

/**
 * An official of the Gia Lai Department of Information and Communications, in a browser: signs in, fills the
 * directory from a CSV, issues Công văn 126/STTTT-BCVT through the form (with mistakes first) and lands on its
 * dashboard. Then what an anonymous visitor gets, and the English switch.
 */
/** YYYY-MM-DD as the form's date fields show it. */
const dmy = (ymd: string) => ymd.split('-').reverse().join('/');

describe('an official in the browser', () => {
  let rt: Runtime;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let today: string;
  let deadlineDate: string;
  let directiveUrl: string;

  beforeAll(async () => {
    [rt, browser] = await Promise.all([startRuntime(), launchBrowser()]);
    context = await newContext(browser, rt);
    page = await context.newPage();
    const now = await rt.clock();
    today = localDate(now);
    deadlineDate = localDate(now, 3);
  }, BROWSER_TIMEOUT);

  afterAll(async () => {
    await closeAll(context, browser);
    await rt?.dispose();
  }, BROWSER_TIMEOUT);

  const task = (i: number) => page.locator(`[data-task="${i}"]`);
  const recipientsBox = () => page.locator('fieldset#recipients');
  const recipientCheck = (id: string) => recipientsBox().getByLabel(agency(id).name, { exact: true });
  const assigneeCheck = (i: number, id: string) =>
    task(i).locator('.assignees').getByLabel(agency(id).name, { exact: true });
  const reportRequired = (i: number) => task(i).getByLabel('Yêu cầu báo cáo kết quả');
  const issueButton = () => page.getByRole('button', { name: 'Ban hành và gửi' });

  /** Everything in the form that the official typed or ticked, to compare before and after a rejection. */
  const formState = async () => ({
    number: await page.locator('#number').inputValue(),
    issuedOn: await page.locator('#issuedOn').inputValue(),
    place: await page.locator('#place').inputValue(),
    issuerParent: await page.locator('#issuerParent').inputValue(),
    issuer: await page.locator('#issuer').inputValue(),
    subject: await page.locator('#subject').inputValue(),
    legalBases: await page.locator('#legalBases').inputValue(),
    body: await page.locator('#body').inputValue(),
    recipients: await recipientsBox()
      .locator('input[name="recipients[]"]:checked')
      .evaluateAll((boxes) => [...new Set(boxes.map((b) => (b as HTMLInputElement).value))].sort()),
    tasks: await Promise.all(
      TASKS.map(async (_, i) => ({
        code: await page.locator(`#tasks-${i}-code`).inputValue(),
        text: await page.locator(`#tasks-${i}-text`).inputValue(),
        deadlineDate: await page.locator(`#tasks-${i}-deadlineDate`).inputValue(),
        deadlineTime: await page.locator(`#tasks-${i}-deadlineTime`).inputValue(),
        assignees: await task(i)
          .locator('.assignees input:checked')
          .evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).value).sort()),
        reportRequired: await reportRequired(i).isChecked(),
      })),
    ),
    signer: [
      await page.locator('#signer-name').inputValue(),
      await page.locator('#signer-title').inputValue(),
      await page.locator('#signer-onBehalfOf').inputValue(),
    ],
    leader: [
      await page.locator('#leadership-0-name').inputValue(),
      await page.locator('#leadership-0-title').inputValue(),
      await page.locator('#leadership-0-email').inputValue(),
      await page.locator('#leadership-0-phone').inputValue(),
    ],
    copies: await page.locator('#copies').inputValue(),
    acknowledgeWithin: await page.locator('#acknowledgeWithin').inputValue(),
  });

  const expectFieldError = async (field: Locator, errorId: string, text: string | RegExp) => {
    const error = page.locator(`#${errorId}`);
    await eventually(() => error.isVisible()).toBe(true);
    const message = (await error.textContent()) ?? '';
    if (typeof text === 'string') expect(message).toContain(text);
    else expect(message).toMatch(text);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect((await field.getAttribute('aria-describedby')) ?? '').toContain(errorId);
  };

  it('signs in through the sign-in page, after a wrong password is refused', async () => {
    const official = officialOf(rt);
    await page.goto('/directives');
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/directives');
    await eventually(() => page.locator('h1').textContent()).toBe('Đăng nhập');
    await screenshot(page, 'officials-01-sign-in');

    await page.getByLabel('Email').fill(official.email);
    await page.getByLabel('Mật khẩu').fill(`${official.password}-sai`);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await eventually(() => page.locator('#sign-in-error').textContent()).toBe('Email hoặc mật khẩu không đúng.');
    await screenshot(page, 'officials-02-sign-in-wrong-password');

    // The page comes back without the email (see the next test): typed again.
    await page.getByLabel('Email').fill(official.email);
    await page.getByLabel('Mật khẩu').fill(official.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((url) => url.pathname === '/directives');
    expect(await page.locator('h1').textContent()).toBe('Công văn đã ban hành');
    expect(await page.locator('.topbar .who').textContent()).toBe(official.name);
    await screenshot(page, 'officials-03-directives-empty');
  });

  it('keeps the email typed when the password was wrong', async () => {
    const official = officialOf(rt);
    const other = await newContext(browser, rt);
    try {
      const visitor = await other.newPage();
      await visitor.goto('/sign-in');
      await visitor.getByLabel('Email').fill(official.email);
      await visitor.getByLabel('Mật khẩu').fill('mat-khau-sai');
      await visitor.getByRole('button', { name: 'Đăng nhập' }).click();
      await eventually(() => visitor.locator('#sign-in-error').isVisible()).toBe(true);
      expect(await visitor.getByLabel('Email').inputValue(), 'the email typed is gone').toBe(official.email);
      // The password, rightly, is not sent back.
      expect(await visitor.getByLabel('Mật khẩu').inputValue()).toBe('');
    } finally {
      await other.close();
    }
  });

  it('fills the directory by importing a CSV file of the six recipients', async () => {
    await page.goto('/directory');
    await screenshot(page, 'officials-04-directory-empty');
    await importDirectory(page);
    expect(new URL(page.url()).searchParams.get('imported')).toBe('6');
    expect(await page.getByRole('status').textContent()).toBe('Đã nhập 6 đơn vị từ tệp gia-lai-directory.csv.');
    const rows = page.locator('table.grid tbody tr');
    await eventually(() => rows.count()).toBe(6);
    for (const a of AGENCIES) {
      const row = page.locator(`#agency-${a.id}`);
      expect(await row.locator('td strong').textContent(), a.name).toBe(a.name);
      expect(await row.locator('td').nth(1).textContent()).toBe(a.email);
      expect(await row.locator('td').nth(2).textContent()).toBe(a.groups.join('; '));
    }
    await screenshot(page, 'officials-05-directory-imported');
  });

  it('flags a missing number and a leader email without "@" next to their fields, keeping everything typed', async () => {
    await page.goto('/directives/new');
    expect(await page.locator('h1').textContent()).toBe('Ban hành công văn');
    await screenshot(page, 'officials-06-form-empty');
    // The date fields read dd/mm/yyyy (web/date-input.tsx), as a clerk types them.
    expect(await page.locator('#issuedOn').inputValue()).toBe(dmy(today));

    // The header of the công văn; the number is forgotten.
    await page.locator('#issuerParent').fill(DIRECTIVE.issuerParent);
    await page.locator('#issuer').fill(DIRECTIVE.issuer);
    await page.locator('#place').fill(DIRECTIVE.place);
    await page.locator('#issuedOn').fill(dmy(today));
    await page.locator('#subject').fill(DIRECTIVE.subject);
    await page.locator('#legalBases').fill(DIRECTIVE.legalBases.join('\n'));
    await page.locator('#body').fill(DIRECTIVE.body);

    // Recipients: the armed forces and the enterprises by group, the districts one by one.
    await recipientsBox().getByLabel('Chọn cả nhóm: Lực lượng vũ trang').check();
    await recipientCheck('ubnd-huyen-tx-tp').check();
    await recipientsBox().getByLabel('Chọn cả nhóm: Doanh nghiệp').check();
    // Ticking a group ticks its members (the browser script does it).
    const unticked: string[] = [];
    for (const a of AGENCIES) if (!(await recipientCheck(a.id).isChecked())) unticked.push(a.name);
    expect.soft(unticked, '"Chọn cả nhóm" left these members unticked').toEqual([]);
    // Whatever the script did, the six are ticked before going on.
    for (const a of AGENCIES) await recipientCheck(a.id).check();

    // Seven task rows: the form starts with one, the add button posts back for each further one.
    for (let n = 2; n <= TASKS.length; n++) {
      await page.getByRole('button', { name: 'Thêm nhiệm vụ' }).click();
      await eventually(() => page.locator('[data-task]').count()).toBe(n);
    }
    // Nothing typed above was lost on the way.
    expect(await page.locator('#subject').inputValue()).toBe(DIRECTIVE.subject);
    expect(await page.locator('#legalBases').inputValue()).toBe(DIRECTIVE.legalBases.join('\n'));
    for (const a of AGENCIES) expect(await recipientCheck(a.id).isChecked(), a.name).toBe(true);

    for (const [i, t] of TASKS.entries()) {
      // A slip of the finger: task 1.3 typed as a second "1.2" (only the server knows codes must differ).
      await page.locator(`#tasks-${i}-code`).fill(t.code === '1.3' ? '1.2' : t.code);
      await page.locator(`#tasks-${i}-text`).fill(t.text);
      for (const id of t.assignees) await assigneeCheck(i, id).check();
      if (t.due) {
        await page.locator(`#tasks-${i}-deadlineDate`).fill(dmy(deadlineDate));
        await page.locator(`#tasks-${i}-deadlineTime`).fill('17:00');
        await reportRequired(i).check();
      } else await reportRequired(i).uncheck();
    }
    // Every chosen recipient is offered as an assignee.
    for (const a of AGENCIES) expect(await assigneeCheck(0, a.id).isVisible(), a.name).toBe(true);

    await page.locator('#signer-name').fill(DIRECTIVE.signer.name);
    await page.locator('#signer-title').fill(DIRECTIVE.signer.title);
    await page.locator('#signer-onBehalfOf').fill(DIRECTIVE.signer.onBehalfOf);
    await page.locator('#leadership-0-name').fill(DIRECTIVE.leader.name);
    await page.locator('#leadership-0-title').fill(DIRECTIVE.leader.title);
    await page.locator('#leadership-0-email').fill(DIRECTIVE.leader.email.replace('@', '.'));
    await page.locator('#leadership-0-phone').fill(DIRECTIVE.leader.phone);
    await page.locator('#copies').fill(DIRECTIVE.copies.join('\n'));
    await screenshot(page, 'officials-07-form-filled-with-mistakes');

    const before = await formState();
    const navigations = navigationsOf(page);
    await issueButton().click();

    // Either the browser script stops the submit, or the server answers with the form again: both show the
    // message next to the field, mark it invalid and keep everything typed.
    await expectFieldError(page.locator('#number'), 'number-error', /bắt buộc nhập/i);
    await expectFieldError(page.locator('#leadership-0-email'), 'leadership-0-email-error', /\S/);
    const checkedInBrowser = navigations() === 0;
    // The error sits next to its field, in the same block.
    expect(
      await page.locator('#number-error').evaluate((e) => e.parentElement?.querySelector('#number') !== null),
    ).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/directives/new');
    expect(await formState()).toEqual(before);
    await screenshot(page, 'officials-08-form-first-errors');

    // The email's message is in the page's language, like every other message on the page.
    const emailMessage = (await page.locator('#leadership-0-email-error').textContent()) ?? '';
    expect
      .soft(emailMessage, `an English browser message on a Vietnamese page: "${emailMessage}"`)
      .not.toMatch(/please|include|address|missing/i);
    // The focus goes to the first mistake (checked in the browser) or to the error summary (from the server).
    expect
      .soft(await page.evaluate(() => document.activeElement?.id), 'focus after the refused submit')
      .toBe(checkedInBrowser ? 'number' : 'error-summary');
  });

  it('has the server refuse a duplicated task code next to its field, with everything typed kept', async () => {
    await page.locator('#number').fill(DIRECTIVE.number);
    await page.locator('#leadership-0-email').fill(DIRECTIVE.leader.email);
    const before = await formState();
    expect(before.tasks[2]?.code).toBe('1.2');

    const answer = page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/directives/new',
    );
    const loaded = page.waitForEvent('load');
    await issueButton().click();
    expect((await answer).status()).toBe(400);
    await loaded;
    await eventually(() => page.locator('#error-summary').isVisible()).toBe(true);

    // The browser check passed (its messages are gone); the server's message sits next to the third task's code.
    expect(await page.locator('#number-error').count()).toBe(0);
    expect(await page.locator('#number').getAttribute('aria-invalid')).toBeNull();
    await expectFieldError(page.locator('#tasks-2-code'), 'tasks-2-code-error', 'Mã nhiệm vụ trùng: 1.2');
    const summary = page.locator('#error-summary');
    expect(await summary.locator('h2').textContent()).toBe('Công văn chưa được ban hành. Vui lòng sửa các lỗi sau:');
    expect(await summary.getByRole('link').evaluateAll((links) => links.map((l) => l.getAttribute('href')))).toEqual([
      '#tasks-2-code',
    ]);
    expect(await formState()).toEqual(before);
    await screenshot(page, 'officials-09-form-server-error');
    // The summary takes the focus (the browser script does it), so that a screen reader reads it first.
    expect.soft(await page.evaluate(() => document.activeElement?.id), 'focus').toBe('error-summary');
  });

  it('issues the corrected directive and shows its dashboard with the six recipients', async () => {
    await page.locator('#tasks-2-code').fill('1.3');
    await issueButton().click();
    await page.waitForURL((url) => /^\/directives\/(?!new$)[^/]+$/.test(url.pathname));
    directiveUrl = new URL(page.url()).pathname;
    const id = directiveUrl.split('/').pop() ?? '';
    await rt.settle();

    expect(await page.locator('h1').textContent()).toContain(DIRECTIVE.number);
    const rows = page.locator('table.grid tbody tr[data-recipient]');
    await eventually(() => rows.count()).toBe(6);
    const listed = await rows
      .locator('th[scope=row]')
      .evaluateAll((cells) =>
        cells.map((c) => (c.firstChild?.textContent ?? '').trim()).sort((a, b) => a.localeCompare(b, 'vi')),
      );
    expect(listed).toEqual(AGENCIES.map((a) => a.name).sort((a, b) => a.localeCompare(b, 'vi')));
    const headers = await page.locator('table.grid thead th').allTextContents();
    expect(headers).toEqual(expect.arrayContaining(['Đơn vị', 'Đã gửi', 'Đã nhận', 'Báo cáo 1.3', 'Báo cáo 2.2']));
    // The police's report on 1.3 is due at 17:00, three days from now.
    const [y, m, d] = deadlineDate.split('-');
    expect(await page.locator('tr[data-recipient="cong-an-tinh"]').textContent()).toContain(`17:00 ${d}/${m}/${y}`);
    // The công văn itself, laid out below.
    const paper = page.locator('article.paper');
    for (const words of [
      `Số: ${DIRECTIVE.number}`,
      'KT. GIÁM ĐỐC',
      DIRECTIVE.signer.name,
      'Bộ TT&TT (báo cáo);',
      DIRECTIVE.legalBases[0] ?? '',
    ])
      expect(await paper.textContent()).toContain(words);
    // Once the workflow has delivered the invitations, the dashboard says so.
    await rt.settle();
    await page.reload();
    await eventually(() => page.locator('tr[data-recipient] td:nth-of-type(1)').allTextContents()).toEqual(
      AGENCIES.map(() => expect.stringMatching(/^\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/)),
    );
    await screenshot(page, 'officials-10-dashboard');

    // What was stored is what was typed.
    // (The signer is stored and returned, though the shared DirectiveView type does not list it.)
    const stored = (await rt.directive(id)) as DirectiveView & { signer: unknown };
    expect(stored.number).toBe(DIRECTIVE.number);
    expect(stored.signer).toEqual(DIRECTIVE.signer);
    expect(stored.leadership).toEqual([DIRECTIVE.leader]);
    expect(stored.tasks.map((t) => [t.code, [...t.assignees].sort(), t.reportRequired, t.deadline ?? null])).toEqual(
      TASKS.map((t) => [
        t.code,
        [...t.assignees].sort(),
        t.due,
        t.due ? new Date(localInstant(deadlineDate, '17:00')).toISOString() : null,
      ]),
    );
    expect(stored.assignments).toHaveLength(6);
    const invitations = (await rt.outbox()).filter((mail) => mail.subject.startsWith(`[${DIRECTIVE.number}]`));
    expect(invitations.flatMap((mail) => mail.to).sort()).toEqual(AGENCIES.map((a) => a.email).sort());

    // The list shows it too.
    await page.goto('/directives');
    const row = page.locator('table.grid tbody tr', { hasText: DIRECTIVE.number });
    expect(await row.locator('td').nth(3).textContent()).toBe('6');
    await screenshot(page, 'officials-11-directives-list');
  });

  it('runs the browser script of the official pages without errors', async () => {
    const errors: string[] = [];
    const onError = (error: Error) => errors.push(`${page.url()}: ${error.message}`);
    page.on('pageerror', onError);
    try {
      for (const path of ['/directives', '/directives/new', '/directory', directiveUrl]) {
        await page.goto(path);
        // The script is deferred: it has run once the document is loaded.
        await page.waitForLoadState('load');
        expect(await page.locator('script[src="/assets/officials.js"]').count(), path).toBe(1);
      }
      const script = await page.request.get('/assets/officials.js');
      expect(script.status()).toBe(200);
      expect(errors, 'uncaught errors of /assets/officials.js').toEqual([]);
    } finally {
      page.off('pageerror', onError);
    }
  });

  it('refuses an anonymous visitor the dashboard (to the sign-in page) and the API (401)', async () => {
    const anonymous = await newContext(browser, rt);
    try {
      const visitor = await anonymous.newPage();
      for (const path of ['/directives', directiveUrl, '/directory', '/directives/new']) {
        await visitor.goto(path);
        await visitor.waitForURL((url) => url.pathname === '/sign-in');
        expect(new URL(visitor.url()).searchParams.get('next'), path).toBe(path);
        expect(await visitor.locator('table.grid').count(), path).toBe(0);
      }
      expect(await visitor.locator('h1').textContent()).toBe('Đăng nhập');
      await screenshot(visitor, 'officials-12-anonymous-sent-to-sign-in');

      const api = await anonymous.request.get('/api/directives');
      expect(api.status()).toBe(401);
      expect(await api.text()).not.toContain(DIRECTIVE.number);
      const one = await anonymous.request.get(`/api${directiveUrl}`);
      expect(one.status()).toBe(401);
      // Nor can a visitor issue anything through the form: without a page's CSRF token it is refused first.
      const post = await anonymous.request.post('/directives/new', {
        form: { number: '999/GIA-MAO', op: 'issue' },
        maxRedirects: 0,
      });
      expect(post.status()).toBe(403);
      // The sign-in page gave the visitor its CSRF cookie, and nothing else.
      expect((await anonymous.cookies()).map((c) => c.name)).toEqual(['chidao_csrf']);
    } finally {
      await anonymous.close();
    }
  });

  it('switches to English from the top bar, and the choice sticks to the next page', async () => {
    await page.goto('/directives');
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    expect(await page.locator('h1').textContent()).toBe('Công văn đã ban hành');
    await page.locator('header.topbar').getByRole('link', { name: 'English' }).click();
    await page.waitForURL((url) => url.searchParams.get('lang') === 'en');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('Issued directives');
    expect(await page.locator('table.grid thead').textContent()).toContain('Subject');
    await screenshot(page, 'officials-13-directives-english');

    // The next page, reached through the navigation without ?lang, is in English too.
    await page.locator('header.topbar nav').getByRole('link', { name: 'Agency directory' }).click();
    await page.waitForURL((url) => url.pathname === '/directory');
    expect(new URL(page.url()).searchParams.has('lang')).toBe(false);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('Agency directory');
    await page.goto(directiveUrl);
    expect(await page.locator('h2#matrix-title').textContent()).toBe('Progress');
    await screenshot(page, 'officials-14-dashboard-english');

    // And back.
    await page.locator('header.topbar').getByRole('link', { name: 'Tiếng Việt' }).click();
    await page.waitForURL((url) => url.searchParams.get('lang') === 'vi');
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    expect(await page.locator('h2#matrix-title').textContent()).toBe('Tình hình thực hiện');
    await page.goto('/directives');
    expect(await page.locator('h1').textContent()).toBe('Công văn đã ban hành');
  });

  it('sends a directive once to an agency that belongs to two groups ticked together', async () => {
    // The directory allows an agency in several groups; the power company also joins "Điện, nước".
    await page.goto('/directory?edit=dien-luc');
    expect(await page.locator('#field-name').inputValue()).toBe(agency('dien-luc').name);
    await page.locator('#field-groups').fill('Doanh nghiệp; Điện, nước');
    await page.getByRole('button', { name: 'Lưu đơn vị' }).click();
    await page.waitForURL((url) => url.searchParams.get('saved') === 'dien-luc');

    await page.goto('/directives/new');
    await page.locator('#number').fill('127/STTTT-BCVT');
    await page.locator('#issuer').fill(DIRECTIVE.issuer);
    await page.locator('#subject').fill('V/v bảo đảm cấp điện, nước cho các trạm viễn thông');
    await recipientsBox().getByLabel('Chọn cả nhóm: Doanh nghiệp').check();
    await recipientsBox().getByLabel('Chọn cả nhóm: Điện, nước').check();
    // What the browser script does on a group's box, whether or not it runs: every box of each member is ticked.
    const members = ['dien-luc', 'cap-thoat-nuoc', 'dn-bcvt'];
    const boxes = recipientsBox().locator('input[name="recipients[]"]');
    for (const box of await boxes.all())
      if (members.includes((await box.getAttribute('value')) ?? '')) await box.check();
    expect(await recipientsBox().locator('input[name="recipients[]"][value="dien-luc"]').count()).toBe(2);
    await page.locator('#tasks-0-code').fill('1');
    await page.locator('#tasks-0-text').fill('Ưu tiên cấp điện, nước cho các trạm viễn thông.');
    await assigneeCheck(0, 'dien-luc').check();
    await page.locator('#signer-name').fill(DIRECTIVE.signer.name);
    await page.locator('#signer-title').fill(DIRECTIVE.signer.title);
    await page.locator('#leadership-0-name').fill(DIRECTIVE.leader.name);
    await page.locator('#leadership-0-title').fill(DIRECTIVE.leader.title);
    await page.locator('#leadership-0-email').fill(DIRECTIVE.leader.email);
    const answer = page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/directives/new',
    );
    const loaded = page.waitForEvent('load');
    await issueButton().click();
    const status = (await answer).status();
    await loaded;
    await screenshot(page, 'officials-15-agency-in-two-groups');
    const refusal = (await page.locator('#error-summary').count())
      ? await page.locator('#error-summary').textContent()
      : '';
    expect(status, `the form refused the directive: ${refusal}`).toBe(303);
    await page.waitForURL((url) => /^\/directives\/(?!new$)[^/]+$/.test(url.pathname));
    await eventually(() => page.locator('tr[data-recipient]').count()).toBe(3);
  });
});
