import middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { errorsToResponses } from '#handlers/middleware/errors-to-responses.ts';
import { DirectiveFormPage } from '#web/officials/directive-form.tsx';
import { blankForm, readForm, toDirectiveInput } from '#web/officials/directive-form-input.ts';
import { CsrfToken, PostForm } from '#web/post-form.tsx';
import { answer, context, event, TOKEN } from './support.ts';

const OFFICIAL = { id: 'o1', name: 'Cán bộ' };

const formPage = (lang: 'vi' | 'en', allowDuplicateNumber = false) =>
  renderToString(
    <CsrfToken.Provider value={TOKEN}>
      <DirectiveFormPage
        lang={lang}
        official={OFFICIAL}
        values={{ ...blankForm('key-1', '2026-03-04'), allowDuplicateNumber }}
        errors={{}}
        directory={[]}
      />
    </CsrfToken.Provider>,
  );

describe('the directive form', () => {
  it('offers to reuse a number on purpose, in Vietnamese and English, kept after a refused submit', () => {
    const vi = formPage('vi');
    expect(vi).toMatch(
      /<label class="check"><input type="checkbox" name="allowDuplicateNumber"\/>Cố ý dùng lại số, ký hiệu đã dùng trong năm<\/label>/,
    );
    expect(formPage('en')).toContain('Deliberately reuse a number already used this year');
    expect(formPage('vi', true)).toMatch(/name="allowDuplicateNumber" checked/);
  });

  it('maps the ticked box to allowDuplicateNumber: true in the create body, and leaves it out otherwise', () => {
    const ticked = readForm({ number: '126/STTTT-BCVT', allowDuplicateNumber: 'on' });
    expect(ticked.allowDuplicateNumber).toBe(true);
    expect(toDirectiveInput(ticked, [])).toMatchObject({ number: '126/STTTT-BCVT', allowDuplicateNumber: true });
    expect(toDirectiveInput(readForm({ number: '126/STTTT-BCVT' }), [])).not.toHaveProperty('allowDuplicateNumber');
  });

  it('posts with the CSRF token, as every officials form does', () => {
    const html = formPage('vi');
    expect(html).toMatch(
      /<form action="\/directives\/new"[^>]*method="post"><input type="hidden" name="_csrf" value="A{43}"\/>/,
    );
  });
});

describe('PostForm', () => {
  it('is a POST whatever it is given, with the token first; without a token it has no field', () => {
    const withToken = renderToString(
      <CsrfToken.Provider value={TOKEN}>
        <PostForm action="/x" class="inline" data-confirm="Chắc chắn?">
          <button type="submit">OK</button>
        </PostForm>
      </CsrfToken.Provider>,
    );
    expect(withToken).toBe(
      `<form action="/x" class="inline" data-confirm="Chắc chắn?" method="post"><input type="hidden" name="_csrf" value="${TOKEN}"/><button type="submit">OK</button></form>`,
    );
    expect(renderToString(<PostForm action="/x" />)).toBe('<form action="/x" method="post"></form>');
  });
});

describe('a % escape that does not decode', () => {
  it('is a 400 wherever the code decodes it, not a 500', async () => {
    const handler = middy<APIGatewayProxyEventV2>()
      .use(errorsToResponses())
      .handler(async (e) => ({
        statusCode: 200,
        body: decodeURIComponent(e.pathParameters?.id ?? ''),
      }));
    const a = answer(
      await handler(
        event({ routeKey: 'GET /x/{id}', pathParameters: { id: '%E0%A4%A' } }) as APIGatewayProxyEventV2,
        context,
      ),
    );
    expect(a.status).toBe(400);
    expect(JSON.parse(a.body)).toMatchObject({ error: 'ValidationError' });
  });
});
