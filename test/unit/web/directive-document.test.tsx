import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { Directive } from '#core/directive.ts';
import { DirectiveDocument } from '#web/directive-document.tsx';
import { directive } from '../email/fixtures.ts';

const page = (d: Directive) => render(<DirectiveDocument directive={d} addressedTo={['Công an tỉnh']} />);
const orgOf = (html: string) => html.match(/<div class="org">([\s\S]*?)<span class="rule"/u)?.[1] ?? '';

describe('the directive laid out as a công văn', () => {
  it('heads it with the parent body and its province above the issuing body', () => {
    const html = page(directive);
    expect(orgOf(html)).toBe('<span>UBND tỉnh Gia Lai</span><strong>Sở Thông tin và Truyền thông</strong>');
  });

  it("finds the province in a department's own name when no parent body was given", () => {
    const { issuerParent: _, ...rest } = directive;
    const html = page({ ...rest, issuer: 'Sở Y tế tỉnh Gia Lai' });
    expect(orgOf(html)).toBe('<span>UBND tỉnh Gia Lai</span><strong>Sở Y tế</strong>');
  });

  it('writes the subject line as "V/v …" however it was typed', () => {
    for (const subject of ['Báo cáo tình hình', 'V/v báo cáo tình hình', 'Về việc báo cáo tình hình.']) {
      expect(page({ ...directive, subject })).toContain('<div class="cv-subject">V/v báo cáo tình hình</div>');
    }
    expect(page({ ...directive, subject: 'UBND các huyện báo cáo' })).toContain(
      '<div class="cv-subject">V/v UBND các huyện báo cáo</div>',
    );
  });

  it('keeps "Kính gửi:" and "Nơi nhận:" and the signer', () => {
    const html = page(directive);
    expect(html).toContain('<span>Kính gửi: </span><span>Công an tỉnh.</span>');
    expect(html).toContain('<strong>Nơi nhận:</strong>');
    expect(html).toContain('<strong class="name">Lê Thị Thu Hương</strong>');
  });
});
