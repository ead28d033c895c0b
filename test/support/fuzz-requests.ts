import fc from 'fast-check';
import { API_TOKEN, GIA_LAI_RECIPIENTS, giaLaiDirective, type RawRequest } from './runtime.ts';

/**
 * The requests of the fuzz test (test/e2e/fuzz.test.ts): every route with its parameters real, nearly real or odd;
 * bodies of every content type, broken multipart among them; odd queries, headers, cookies and origins; and the
 * requests that brought handlers down before.
 */

export type Sent = RawRequest & { route: string };

/** Real values for the routes' parameters, filled once the runtime has them, so requests reach past the first check. */
export const real = { base: '', token: '', id: '', recipientId: '', taskCode: '', mailId: '', session: '' };

/** Every byte of the UTF-8 percent-encoded (lone surrogates included, which encodeURIComponent refuses). */
const enc = (s: string) =>
  encodeURIComponent(s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));

// Written raw into the path: keys that reach object lookups, dot segments, bad and overlong escapes, a long one.
const ODD_SEGMENTS = [
  ...'__proto__ constructor toString hasOwnProperty .. . %2e%2e %00 a%2Fb %252e x;y=z ~'.split(' '),
  ...'% %zz %E0%A4%A %C0%AF %ED%A0%80 %FF'.split(' '),
  'A'.repeat(300),
];
const BAD_ESCAPES = '% %E0%A4%A %zz %C0%AF %FF%FE %ED%A0%80'.split(' ');

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('__proto__', 'constructor', 'toString', '', ' ', '0', '-1', '1e309', 'null', '9999-12-31T23:59:59Z'),
  fc.integer({ min: 1_000, max: 12_000 }).map((n) => 'ệ'.repeat(n)),
);

/** A path parameter: the real value (so the handler gets past its first check), a near miss, or something odd. */
const param = (name: string) => {
  const value =
    { name: 'officials.js', index: '0', fileId: real.taskCode }[name] ?? real[name as keyof typeof real] ?? '';
  return fc.oneof(
    { weight: 5, arbitrary: fc.constant(enc(value)) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.nat(Math.max(0, value.length - 1)), fc.constantFrom('', 'A', '.', '-', '=', '%41'))
        .map(([at, c]) => enc(value.slice(0, at)) + c + enc(value.slice(at + 1))),
    },
    { weight: 2, arbitrary: fc.constantFrom(...ODD_SEGMENTS) },
    { weight: 2, arbitrary: text.filter((s) => s.length > 0).map(enc) },
  );
};

export const LOCAL_ROUTES = [
  ...'clock outbox outbox/view messages messages/view state-machines executions stats faults'
    .split(' ')
    .map((p) => `GET /_local/${p}`),
  'GET /_local/outbox/view/{mailId}',
  'GET /_local/outbox/view/{mailId}/attachments/{index}',
  'POST /_local/clock',
  'POST /_local/faults',
];
export const UNKNOWN_ROUTES = [
  'GET /',
  'GET /r',
  'POST /r/',
  'GET /_local',
  'GET /api/directives/{id}/x/y',
  'GET /.env',
];

/** The path of a route key with its parameters filled. */
const pathOf = (routePath: string) => {
  const parts = routePath.split('/').map((seg) => {
    const m = /^\{(\w+)\+?\}$/.exec(seg);
    return m?.[1] ? param(m[1]) : fc.constant(seg);
  });
  return fc.tuple(...parts).map((segs) => segs.join('/'));
};

const query = fc.option(
  fc
    .array(
      fc.tuple(
        fc.oneof(fc.constantFrom('lang', 'limit', 'cursor', 'from', 'to', 'format', 'next', 'prefix'), text.map(enc)),
        fc.oneof(
          text.map(enc),
          fc.constantFrom(...BAD_ESCAPES, 'en', 'xlsx', 'csv', '1000', '//evil.test', '/%5Cevil.test', '2026-01-01'),
        ),
      ),
      { maxLength: 4 },
    )
    .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&')),
  { nil: undefined },
);

const FORM_KEYS = ['taskCode', 'summary', 'until', 'reason', 'email', 'password', 'next', 'action', 'name', 'id'];
const formKey = fc.oneof(fc.constantFrom(...FORM_KEYS, '__proto__', 'constructor', 'taskCode[]'), text);

type Body = { type?: string; bytes: Buffer };

/** multipart/form-data, well formed or broken the ways that crashed parsers: no name, cut short, wrong boundary. */
const multipart = fc
  .record({
    boundary: fc.constantFrom('XyZ', '----WebKitFormBoundary7MA4YWxkTrZu0gW', 'b'.repeat(70), 'a"b'),
    parts: fc.array(
      fc.record({
        // A part without a name (and without a filename) is what brought the multipart parser down.
        name: fc.option(formKey, { nil: undefined, freq: 3 }),
        filename: fc.option(text, { nil: undefined, freq: 2 }),
        type: fc.option(fc.constantFrom('text/plain', 'application/pdf', 'text/csv', 'x/y'), { nil: undefined }),
        content: fc.oneof(
          text,
          fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
        ),
      }),
      { maxLength: 4 },
    ),
    breakage: fc.constantFrom('none', 'none', 'cut', 'wrong-boundary', 'no-boundary', 'no-closing', 'empty'),
    cutAt: fc.nat(),
  })
  .map(({ boundary, parts, breakage, cutAt }): Body => {
    const body = parts
      .map((p) => {
        const disposition = [
          'form-data',
          ...(p.name !== undefined ? [`name="${p.name}"`] : []),
          ...(p.filename !== undefined ? [`filename="${p.filename}"`] : []),
        ].join('; ');
        const type = p.type ? `Content-Type: ${p.type}\r\n` : '';
        return `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n${p.content}\r\n`;
      })
      .join('');
    const whole = Buffer.from(`${body}${breakage === 'no-closing' ? '' : `--${boundary}--\r\n`}`, 'utf8');
    const bytes =
      breakage === 'cut'
        ? whole.subarray(0, cutAt % (whole.length + 1))
        : breakage === 'empty'
          ? Buffer.alloc(0)
          : whole;
    const header =
      breakage === 'wrong-boundary'
        ? 'multipart/form-data; boundary=other'
        : breakage === 'no-boundary'
          ? 'multipart/form-data'
          : `multipart/form-data; boundary=${boundary}`;
    return { type: header, bytes };
  });

const directiveBody = fc
  .dictionary(
    fc.constantFrom('number', 'issuer', 'issuedOn', 'tasks', 'recipients', 'acknowledgeWithin', 'remindBefore', 'x'),
    fc.jsonValue({ maxDepth: 2 }),
    { maxKeys: 2 },
  )
  .map((changes): Body => {
    const valid = giaLaiDirective({ now: '2026-03-04T02:00:00.000Z', recipients: GIA_LAI_RECIPIENTS.slice(4, 5) });
    return { type: 'application/json', bytes: Buffer.from(JSON.stringify({ ...valid, ...changes })) };
  });

const body: fc.Arbitrary<Body | undefined> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  {
    weight: 3,
    arbitrary: fc
      .oneof(
        fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null'),
        fc.constantFrom('{', '{"a":', '[]', '1e999', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}'),
      )
      .map((s): Body => ({ type: 'application/json', bytes: Buffer.from(s) })),
  },
  { weight: 2, arbitrary: directiveBody },
  {
    weight: 3,
    arbitrary: fc
      .oneof(
        fc.array(fc.tuple(formKey, text), { maxLength: 5 }).map((pairs) => new URLSearchParams(pairs).toString()),
        fc.constantFrom('%ZZ', 'a=%E0%A4%A', '&&&=', 'taskCode=__proto__&summary=x', 'taskCode=constructor'),
      )
      .map((s): Body => ({ type: 'application/x-www-form-urlencoded', bytes: Buffer.from(s) })),
  },
  { weight: 4, arbitrary: multipart },
  { weight: 1, arbitrary: text.map((s): Body => ({ type: 'text/plain; charset=utf-8', bytes: Buffer.from(s) })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom('application/octet-stream', 'application/pdf', undefined),
        fc.uint8Array({ maxLength: 2000 }),
      )
      .map(([type, b]): Body => ({ ...(type ? { type } : {}), bytes: Buffer.from(b) })),
  },
);

/** A request line and headers somebody might send: the real token and session, forged ones, odd names. */
const headers = fc.record({
  auth: fc.constantFrom(undefined, `Bearer ${API_TOKEN}`, `Bearer ${API_TOKEN}`, 'Bearer x', 'Basic eDp5', 'Bearer '),
  cookie: fc.constantFrom(undefined, 'session', 'chidao_session=garbage', '__proto__=1; constructor=2', 'lang=en'),
  origin: fc.constantFrom(undefined, 'self', 'https://evil.test', 'null'),
  extra: fc.option(
    fc.tuple(
      fc.constantFrom('Accept-Language', 'Idempotency-Key', '__proto__', 'constructor', 'X-Unicode', 'Sec-Fetch-Site'),
      fc
        .oneof(text, fc.constant('x'.repeat(6000)))
        // A header value cannot hold control characters: the request would not be HTTP at all.
        .map((v) => [...v].filter((c) => c >= ' ' && c !== '\x7f').join('')),
    ),
    { nil: undefined },
  ),
  chunked: fc.boolean(),
  retype: fc.option(fc.constantFrom('application/json', 'multipart/form-data; boundary=XyZ', 'text/csv', ''), {
    nil: undefined,
  }),
});

const ODD_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'PROPFIND'];
const CLOCK_BODIES = ['{"advance":"PT0S"}', '{"advance":"PT1H"}', '{"advance":5}', '{"to":5}', 'null', '{', '', '[]'];
const FAULT_BODIES = ['{"ses":0}', '{}', 'null', '{"ses":-1}', '{"sms":1}', '{"__proto__":1}', 'x', '{"ses":"1"}'];

/** One request to one of `routes` (route keys: `POST /r/{token}/report`), its parameters filled from `real`. */
export const fuzzRequest = (routes: string[]): fc.Arbitrary<Sent> =>
  fc.constantFrom(...routes).chain((route) => {
    const [method = 'GET', path = '/'] = route.split(' ');
    const own = path === '/_local/clock' ? CLOCK_BODIES : path === '/_local/faults' ? FAULT_BODIES : undefined;
    return fc
      .record({
        method: fc.oneof({ weight: 6, arbitrary: fc.constant(method) }, fc.constantFrom(...ODD_METHODS)),
        path: fc.oneof({ weight: 8, arbitrary: pathOf(path) }, fc.webPath(), fc.constantFrom(...BAD_ESCAPES)),
        query,
        body: own
          ? fc.constantFrom(...own).map((s): Body => ({ type: 'application/json', bytes: Buffer.from(s) }))
          : body,
        headers,
      })
      .map((r) => {
        const list: [string, string][] = [];
        const h = r.headers;
        if (h.auth) list.push(['Authorization', h.auth]);
        if (h.cookie) list.push(['Cookie', h.cookie === 'session' ? real.session : h.cookie]);
        if (h.origin) list.push(['Origin', h.origin === 'self' ? real.base : h.origin]);
        if (h.extra) list.push(h.extra);
        const type = h.retype ?? r.body?.type;
        if (type !== undefined && r.body) list.push(['Content-Type', type]);
        let bytes = r.body?.bytes;
        if (bytes && h.chunked) {
          list.push(['Transfer-Encoding', 'chunked']);
          bytes = Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from('\r\n0\r\n\r\n')]);
          if (r.body?.bytes.length === 0) bytes = Buffer.from('0\r\n\r\n');
        }
        const target = `${r.path.startsWith('/') ? '' : '/'}${r.path}${r.query !== undefined ? `?${r.query}` : ''}`;
        return { route, method: r.method, target, headers: list, ...(bytes ? { body: bytes } : {}) };
      });
  });

/** Requests that brought handlers down before: always sent first, whatever the generator draws. */
export const knownCases = (): Sent[] => {
  const post = (route: string, target: string, type: string, body: string, official = false): Sent => ({
    route,
    method: 'POST',
    target,
    headers: [
      ['Content-Type', type],
      ...(official
        ? ([
            ['Cookie', real.session],
            ['Origin', real.base],
          ] as [string, string][])
        : []),
    ],
    body,
  });
  const multipart = 'multipart/form-data; boundary=XyZ';
  const noName = '--XyZ\r\nContent-Disposition: form-data\r\n\r\nabc\r\n--XyZ--\r\n';
  const cut = '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.7';
  const form = 'application/x-www-form-urlencoded';
  const link = `/r/${real.token}`;
  return [
    post('POST /r/{token}/report', `${link}/report`, multipart, noName),
    post('POST /r/{token}/report', `${link}/report`, multipart, cut),
    post('POST /directory/import', '/directory/import', multipart, noName, true),
    post('POST /directory/import', '/directory/import', multipart, cut, true),
    { route: 'GET /r/{token}', method: 'GET', target: '/r/%E0%A4%A' },
    post('POST /r/{token}/report', `${link}/report`, form, 'taskCode=__proto__&summary=x'),
    post('POST /r/{token}/extension', `${link}/extension`, form, 'taskCode=constructor&until=9999-12-31&reason=x'),
    {
      route: 'GET /api/directives/{id}',
      method: 'GET',
      target: `/api/directives/${real.id}?limit=__proto__&cursor=%E0`,
      headers: [['Authorization', `Bearer ${API_TOKEN}`]],
    },
    post('POST /sign-in', '/sign-in', 'application/json', '=__proto__'),
    post('POST /sign-in', '/sign-in?next=/%5Cevil.test', form, 'email=a&password=b&next=/%5Cevil.test'),
  ];
};
