import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CLIENT_SCRIPT } from '#handlers/http/official-pages.tsx';

/**
 * The officials' script is the source of a function, served as is. It must run in a page that has nothing
 * of Node's: under tsx the source carries `__name(…)` helpers that only Node defines.
 */
describe('/assets/officials.js', () => {
  it('runs in a bare page context without ReferenceErrors', () => {
    const listeners: string[] = [];
    const document = {
      querySelector: () => null,
      querySelectorAll: () => [],
      getElementById: () => null,
      addEventListener: (type: string) => listeners.push(type),
    };
    expect(() => runInNewContext(CLIENT_SCRIPT, { document, window: {} })).not.toThrow();
    // It got far enough to listen for form submissions (the confirmations).
    expect(listeners).toContain('submit');
  });
});
