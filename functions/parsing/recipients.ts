import { fold, foldWords } from './text.ts';
import type { DraftRecipient } from './types.ts';

/**
 * Recipient ids, and the fuzzy matching of the names a heading or a sentence uses against the "Kính gửi" lines
 * ("UBND" is "Ủy ban nhân dân", "các doanh nghiệp Viễn thông" is one of "Các doanh nghiệp Bưu chính, Viễn thông
 * trên địa bàn tỉnh").
 */

const MAX_ID = 64;

/** A stable ASCII slug of a name: "Công an tỉnh" → "cong-an-tinh"; at most 64 characters, cut at a word. */
export const slugify = (name: string): string => {
  let s = fold(name)
    .replace(/_/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (s.length > MAX_ID) {
    const cut = s.lastIndexOf('-', MAX_ID);
    s = s.slice(0, cut > 0 ? cut : MAX_ID).replace(/-+$/, '');
  }
  return s;
};

/** Slugs made unique in order ("so-y-te", "so-y-te-2"); an empty slug becomes "don-vi-N". */
export const uniqueIds = (names: string[]): string[] => {
  const used = new Set<string>();
  const nextSuffix = new Map<string, number>();
  return names.map((name, i) => {
    const base = slugify(name) || `don-vi-${i + 1}`;
    let id = base;
    if (used.has(id)) {
      let n = nextSuffix.get(base) ?? 2;
      do {
        const suffix = `-${n++}`;
        id = base.slice(0, MAX_ID - suffix.length).replace(/-+$/, '') + suffix;
      } while (used.has(id));
      nextSuffix.set(base, n);
    }
    used.add(id);
    return id;
  });
};

const ABBREVIATIONS: Record<string, string> = {
  ubnd: 'uy ban nhan dan',
  hdnd: 'hoi dong nhan dan',
  'tt&tt': 'thong tin va truyen thong',
  tttt: 'thong tin va truyen thong',
  bchqs: 'bo chi huy quan su',
  'gd&dt': 'giao duc va dao tao',
  gddt: 'giao duc va dao tao',
  'kh&dt': 'ke hoach va dau tu',
  'tn&mt': 'tai nguyen va moi truong',
  'nn&ptnt': 'nong nghiep va phat trien nong thon',
  'ldtb&xh': 'lao dong thuong binh va xa hoi',
  'kh&cn': 'khoa hoc va cong nghe',
  gtvt: 'giao thong van tai',
  ttyt: 'trung tam y te',
  thpt: 'trung hoc pho thong',
  thcs: 'trung hoc co so',
  tp: 'thanh pho',
  tx: 'thi xa',
  dn: 'doanh nghiep',
  bcvt: 'buu chinh vien thong',
};

/** Folded words with abbreviations expanded and "Uỷ"/"Ủy" alike. */
export const nameKey = (s: string): string =>
  foldWords(s)
    .split(' ')
    .map((w) => ABBREVIATIONS[w] ?? w)
    .join(' ');

const STOP = new Set(['cac', 'va', 'cua', 'tren', 'dia', 'nhung', 'toan', 'thuoc', 'truc', 'voi', 'doi', 'cho', 'tai']);

const significant = (key: string): string[] => key.split(' ').filter((w) => w !== '' && !STOP.has(w));

/** How the name of a unit (or a group of units) starts: a part that starts otherwise is not a name. */
const UNIT_START =
  /^(?:cac|so|phong|ban|uy ban|cong an|trung tam|bo|cong ty|truong|hieu truong|truong phong|giam doc|chu tich|thu truong|chi huy truong|benh vien|dai|bao|van phong|chi cuc|cuc|tong cuc|co quan|doanh nghiep|he thong|hoi|doan|lien doan|kho bac|bao hiem|vien|chi nhanh|thuong nhan|lanh dao|tinh uy|huyen uy|thanh uy)(?: |$)/;

const LEAD = /^(?:(?:kinh\s+)?de\s+nghi|yeu\s+cau|giao(?:\s+cho)?|doi\s+voi)\s+/;

export type Named = {
  /** Recipient ids, in the order of the recipients list. */
  ids: string[];
  /** Parts that name someone who is not among the recipients, as written. */
  unmatched: string[];
  /** Every part of the text is a name (matched or not): the text is a list of names, not a sentence. */
  pure: boolean;
};

export class RecipientIndex {
  private readonly entries: { id: string; key: string; words: Set<string> }[];

  constructor(recipients: DraftRecipient[]) {
    this.entries = recipients.map((r) => {
      const key = nameKey(r.name);
      return { id: r.id, key, words: new Set(significant(key)) };
    });
  }

  get size() {
    return this.entries.length;
  }

  private ordered(ids: Set<string>): string[] {
    return this.entries.filter((e) => ids.has(e.id)).map((e) => e.id);
  }

  /** The recipients a heading or a list of names names ("Bộ Chỉ huy Quân sự tỉnh; Công an tỉnh; UBND …"). */
  named(text: string): Named {
    const whole = ` ${nameKey(text).replace(LEAD, '')} `;
    const ids = new Set<string>();
    const covered = new Set<string>();
    for (const e of [...this.entries].sort((a, b) => b.key.length - a.key.length)) {
      if (e.key !== '' && whole.includes(` ${e.key} `)) {
        ids.add(e.id);
        for (const w of e.words) covered.add(w);
      }
    }
    const unmatched: string[] = [];
    let pure = true;
    const parts = text.split(/[;,:]/);
    parts.forEach((part, index) => {
      let key = nameKey(part);
      if (index === 0) key = key.replace(LEAD, '');
      const words = significant(key);
      if (words.length === 0) return;
      if (words.every((w) => covered.has(w))) return;
      const fuzzy = this.fuzzy(key, words);
      if (fuzzy) {
        ids.add(fuzzy.id);
        for (const w of fuzzy.words) covered.add(w);
        return;
      }
      // a part that holds a recipient's name and more words is a sentence ("Phối hợp với Công an tỉnh")
      const holdsName = this.entries.some((e) => e.key !== '' && ` ${key} `.includes(` ${e.key} `));
      if (holdsName || significant(foldWords(part)).length > 8 || !UNIT_START.test(key)) pure = false;
      else unmatched.push(part.trim().replace(LEAD_RAW, ''));
    });
    return { ids: this.ordered(ids), unmatched, pure: pure && (ids.size > 0 || unmatched.length > 0) };
  }

  /** A part that is inside one recipient's name, or whose words all belong to it; the tightest wins. */
  private fuzzy(key: string, words: string[]) {
    if (words.length < 2) return undefined;
    let best: { id: string; words: Set<string>; score: number } | undefined;
    for (const e of this.entries) {
      const inside = ` ${e.key} `.includes(` ${key} `);
      if (!inside && !words.every((w) => e.words.has(w))) continue;
      const score = words.length / new Set([...words, ...e.words]).size;
      if (!best || score > best.score) best = { id: e.id, words: e.words, score };
    }
    return best;
  }

  /** Recipients named first in a sentence: "UBND các huyện, thị xã, thành phố chỉ đạo …", "Giao Sở Y tế …". */
  leading(text: string): string[] {
    let rest = nameKey(text).replace(LEAD, '');
    const ids = new Set<string>();
    const byLength = [...this.entries].sort((a, b) => b.key.length - a.key.length);
    for (;;) {
      const hit = byLength.find((e) => e.key !== '' && (rest === e.key || rest.startsWith(`${e.key} `)));
      if (!hit) break;
      ids.add(hit.id);
      rest = rest.slice(hit.key.length).replace(/^\s*(?:va\s+)?/, '');
    }
    return this.ordered(ids);
  }
}

const LEAD_RAW = /^(?:Kính\s+)?(?:đề\s+nghị|Đề\s+nghị|yêu\s+cầu|Yêu\s+cầu|giao|Giao|đối\s+với|Đối\s+với)\s+/u;
