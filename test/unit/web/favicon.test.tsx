import { describe, expect, it } from 'vitest';
import { FAVICON, Layout, renderDocument } from '#web/render.tsx';

describe('the tab icon', () => {
  it('is inline on every page, so no browser asks for /favicon.ico and gets a 404', () => {
    const html = renderDocument(<Layout title="Công văn">nội dung</Layout>);
    expect(html).toContain(`<link rel="icon" href="${FAVICON.replace(/&/g, '&amp;')}"/>`);
    expect(FAVICON.startsWith('data:image/svg+xml,')).toBe(true);
    // Still an SVG once the browser decodes it, with nothing that would need escaping in an attribute.
    expect(decodeURIComponent(FAVICON.slice('data:image/svg+xml,'.length))).toMatch(/^<svg [^"]*<\/svg>$/);
  });
});
