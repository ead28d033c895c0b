import { round } from './measure.ts';

/**
 * Where a CPU profile's time went (self time, V8's samples), by who owns the code: a package under
 * node_modules, a folder of the project (functions/shared, local/…), Node's own internals, or V8 itself
 * (garbage collector, compiled code with no script). Idle time is left out of the shares.
 */

type Node = { id: number; callFrame: { url: string; functionName: string } };
export type CpuProfile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

const ownerOf = (frame: Node['callFrame'], root: string) => {
  const url = frame.url;
  if (!url) {
    if (frame.functionName === '(idle)') return '(idle)';
    if (frame.functionName === '(garbage collector)') return 'V8: garbage collector';
    return `V8: ${frame.functionName || 'native'}`;
  }
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m?.[1]) return m[1];
  if (url.startsWith('node:'))
    return `node: ${
      url
        .slice(5)
        .replace(/^internal\//, '')
        .split('/')[0]
    }`;
  const path = url.replace(/^file:\/\//, '');
  if (path.startsWith(root))
    return path
      .slice(root.length + 1)
      .split('/')
      .slice(0, 2)
      .join('/');
  return url;
};

/**
 * Owners grouped by what they are part of. The lists name the packages seen in the runtime's profiles; a package
 * in none of them is counted as "other", so an unknown cost shows up rather than hides.
 */
const LAYERS: [string, RegExp][] = [
  ['V8: garbage collector', /^V8: garbage collector$/],
  [
    'handlers: the app’s code and its libraries',
    /^(functions\/|zod$|luxon$|nodemailer$|ics$|yup$|property-expr$|tiny-case$|toposort$|preact|@middy\/|@dqcai\/|ulid$|p-map$|jose$|qs$|mnemonist$|obliterator$|runes2$|nanoid$|docx$|exceljs$|csv-)/,
  ],
  [
    'AWS SDK clients (serialise, sign, HTTP)',
    /^(@aws-sdk\/|@smithy\/|@aws-crypto\/|@aws\/|fast-xml-parser$|strnum$|bowser$|tslib$|uuid$)/,
  ],
  [
    'local DynamoDB (dynalite, LevelDB)',
    /^(dynalite$|abstract-level$|classic-level$|level|big\.js$|lock$|buffer-crc32$|lazy$|module-error$|catering$|maybe-combine-errors$|napi-macros$|node-gyp-build$|queue-microtask$|once$|subleveldown$|memdown$|deferred-leveldown$|encoding-down$|reachdown$|ltgt$|lodash)/,
  ],
  [
    'local SES and outbox (MIME parsing)',
    /^(local\/mail|aws-ses-v2-local$|mailparser$|@zone-eu\/|libmime$|libqp$|libbase64$|iconv-lite$|encoding-japanese$|html-to-text$|he$|linkify-it$|uc\.micro$|tlds$|punycode|selderee$|parseley$|leac$|peberminta$|domhandler$|htmlparser2$|dom-serializer$|domutils$|domelementtype$|entities$|deepmerge$|express$|body-parser$|raw-body$|mailsplit$)/,
  ],
  [
    'local Step Functions engine',
    /^(local\/stepfunctions|local\/clock\.ts$|aws-local-stepfunctions$|jsonpath-plus$|@sinonjs\/|p-limit$|yocto-queue$|asl-validator$|ajv)/,
  ],
  ['local runtime: gateway, Lambda runtime, endpoints', /^local\//],
  [
    'Node core: HTTP, streams, buffers, files',
    /^(node: |V8: (writev|writeFileUtf8|mkdir|open|close|read|write|writeBuffer|writeString|writeUtf8String|Hash|digest|update|hmac|init|dispatch|execute|now|hrtime|cpuUsage|memoryUsage|setupTimers|getTimerDuration|toggleTimerRef|hasRef|ref|unref|onStreamRead|onwrite)$)/,
  ],
  ['V8: compiled code, microtasks', /^V8: /],
];

const layerOf = (owner: string) => LAYERS.find(([, pattern]) => pattern.test(owner))?.[0] ?? 'other';

export const summarizeProfile = (profile: CpuProfile, root: string, top = 25) => {
  const owner = new Map(profile.nodes.map((n) => [n.id, ownerOf(n.callFrame, root)]));
  const byOwner = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const key = owner.get(id) ?? '?';
    byOwner.set(key, (byOwner.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const idle = byOwner.get('(idle)') ?? 0;
  byOwner.delete('(idle)');
  const busy = [...byOwner.values()].reduce((s, v) => s + v, 0);
  const byLayer = new Map<string, number>();
  for (const [who, us] of byOwner) byLayer.set(layerOf(who), (byLayer.get(layerOf(who)) ?? 0) + us);
  return {
    wallSeconds: round((profile.endTime - profile.startTime) / 1e6, 1),
    busySeconds: round(busy / 1e6, 1),
    idleSeconds: round(idle / 1e6, 1),
    byLayer: [...byLayer.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([layer, us]) => ({ layer, seconds: round(us / 1e6, 2), share: round(us / busy, 3) })),
    byOwner: [...byOwner.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([who, us]) => ({ who, layer: layerOf(who), seconds: round(us / 1e6, 2), share: round(us / busy, 3) })),
  };
};
