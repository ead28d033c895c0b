/**
 * pdfjs's display layer builds one DOMMatrix when it loads (a constant for canvas rendering). Node has no
 * DOMMatrix; pdfjs borrows @napi-rs/canvas's when that optional native package is installed, which it is in
 * node_modules here but not in a Lambda bundle (nor for arm64). Text extraction never draws, so an identity
 * matrix with DOMMatrix's six fields is enough for the module to load. Imported before pdfjs, and only set when
 * the runtime has none.
 */
class IdentityMatrix {
  a = 1;
  b = 0;
  c = 0;
  d = 1;
  e = 0;
  f = 0;
  constructor(init?: ArrayLike<number>) {
    if (init && init.length >= 6) {
      const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = Array.from(init);
      Object.assign(this, { a, b, c, d, e, f });
    }
  }
}

const scope = globalThis as { DOMMatrix?: unknown };
scope.DOMMatrix ??= IdentityMatrix;
