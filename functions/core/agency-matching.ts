import type { Agency } from './agency.ts';

/**
 * Which agencies of the directory a name written in a công văn means. Letters name agencies the way clerks write
 * them: with or without diacritics (in composed or decomposed Unicode), in capitals, abbreviated ("Sở TT&TT",
 * "UBND", "BCHQS tỉnh"), or as a whole tier of government ("UBND các huyện, thị xã, thành phố") or an enumeration
 * ("các Sở: Giao thông vận tải, Y tế, Công thương"). Pure: the directory is given.
 */

export type AgencyMatch = {
  /** Directory ids, each once, in directory order. */
  ids: string[];
  /**
   * name: the name as the directory writes it; abbreviation: the same words, some abbreviated; group: a directory
   * group; tier: the agencies of a tier named in the plural ("các huyện, thị xã"); enumeration: "các Sở: A, B";
   * none: nothing in the directory.
   */
  how: 'name' | 'abbreviation' | 'group' | 'tier' | 'enumeration' | 'none';
  /** The directory group, when `how` is group. */
  group?: string;
  /** Parts of an enumeration the directory lacks, written out in full ("Sở Y tế"). */
  unmatched?: string[];
};

type Token = { word: string; caps: boolean };

/** Lowercase, without diacritics, đ as d: how names are compared. */
export const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();

/**
 * Words of a name; "&" and "và" are dropped, since "TT&TT" abbreviates "Thông tin và Truyền thông". A word written in
 * capitals may be an abbreviation (its letters the initials of several words).
 */
const SEPARATOR = /[^\p{L}\p{N}]+/u;
const tokens = (s: string): Token[] => {
  // Folding keeps every letter a letter, so the folded words line up with the words as written.
  const written = s.normalize('NFC').split(SEPARATOR).filter(Boolean);
  const folded = fold(s).split(SEPARATOR).filter(Boolean);
  return written
    .map((w, i) => ({ word: folded[i] ?? fold(w), caps: w.length >= 2 && w === w.toUpperCase() && /\p{L}/u.test(w) }))
    .filter((t) => t.word !== 'va');
};

/** Every token of `a` consumed, as a word of `b` or as the initials of a run of words of `b`, and every word of `b`. */
const covers = (a: Token[], b: Token[]) => {
  // Without an abbreviation, word for word; with one, every plain word of `a` is somewhere in `b`.
  if (a.length > b.length) return false;
  if (!a.some((t) => t.caps)) return a.length === b.length && a.every((t, i) => t.word === b[i]?.word);
  const theirs = new Set(b.map((t) => t.word));
  if (!a.every((t) => t.caps || theirs.has(t.word))) return false;
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    if (i === a.length || j === b.length) return i === a.length && j === b.length;
    const at = i * (b.length + 1) + j;
    const known = memo.get(at);
    if (known !== undefined) return known;
    const t = a[i] as Token;
    let ok = t.word === b[j]?.word && go(i + 1, j + 1);
    if (!ok && t.caps)
      for (let k = 2; k <= t.word.length && j + k <= b.length && !ok; k++) {
        const initials = b
          .slice(j, j + k)
          .map((w) => w.word[0])
          .join('');
        ok = initials === t.word && go(i + 1, j + k);
      }
    memo.set(at, ok);
    return ok;
  };
  return go(0, 0);
};

/**
 * The same name, either side possibly abbreviated. Both start with the same letter whichever is abbreviated: that
 * settles most pairs of a large directory before any search.
 */
const sameName = (a: Token[], b: Token[]) =>
  a[0]?.word[0] === b[0]?.word[0] && a.length > 0 && (covers(a, b) || covers(b, a));

/**
 * Agencies with their names folded and split, and the groups with their members, made once per directory: a
 * directory of thousands is read for every name of a letter.
 */
type Entry = { agency: Agency; key: string; tokens: Token[] };
type Index = { entries: Entry[]; groups: [string, Agency[]][] };
const indexes = new WeakMap<readonly Agency[], Index>();
const indexOf = (directory: readonly Agency[]): Index => {
  const known = indexes.get(directory);
  if (known) return known;
  const groups = new Map<string, Agency[]>();
  for (const a of directory)
    for (const g of a.groups) {
      const members = groups.get(g);
      if (members) members.push(a);
      else groups.set(g, [a]);
    }
  const index = {
    entries: directory.map((agency) => ({ agency, key: fold(agency.name.trim()), tokens: tokens(agency.name) })),
    groups: [...groups.entries()],
  };
  indexes.set(directory, index);
  return index;
};

const plain = (a: Token[]) => a.map((t) => t.word).join(' ');

/** Tiers of local government and the kinds of unit in each ("cấp huyện": huyện, quận, thị xã, thành phố). */
const TIERS: Record<string, string[]> = {
  'cap tinh': ['tinh', 'thanh pho'],
  'cap huyen': ['huyen', 'quan', 'thi xa', 'thanh pho'],
  'cap xa': ['xa', 'phuong', 'thi tran'],
};
const KINDS = [...new Set(Object.values(TIERS).flat())].sort((x, y) => y.length - x.length);

/** "… các huyện, thị xã, thành phố" → its head (the words before "các") and the kinds of unit, when it is one. */
const tierPhrase = (name: string) => {
  const words = tokens(name);
  const at = words.findIndex((t) => t.word === 'cac');
  if (at < 1) return undefined;
  let rest = plain(words.slice(at + 1));
  const kinds: string[] = [];
  while (rest) {
    const kind = KINDS.find((k) => rest === k || rest.startsWith(`${k} `));
    if (!kind) return undefined;
    kinds.push(kind);
    rest = rest.slice(kind.length).trim();
  }
  return kinds.length ? { head: words.slice(0, at), kinds } : undefined;
};

/** Agency heads an enumeration may share: "các Sở: A, B" and "các Sở A, B và C". */
const ENUMERATION_HEADS = /^(?:các\s+)?(sở|ban|phòng|bộ|cục|vụ|chi cục|trung tâm|công ty)\s*:?\s+(.+)$/iu;

const enumeration = (name: string) => {
  const nfc = name.normalize('NFC').trim();
  const colon = /^(?:các\s+)?([^:]{1,60}?)\s*:\s*(.+)$/iu.exec(nfc);
  const [, head, list] = colon ?? ENUMERATION_HEADS.exec(nfc) ?? [];
  if (!head || !list) return undefined;
  const parts = list
    .split(/\s*[,;]\s*|\s+và\s+/u)
    .map((p) => p.replace(/[.;]+$/, '').trim())
    .filter(Boolean);
  if (parts.length < 2 && !colon) return undefined;
  const singular = head.replace(/^các\s+/iu, '');
  const prefix = `${singular.charAt(0).toUpperCase()}${singular.slice(1)}`;
  return parts.map((p) => (fold(p).startsWith(`${fold(singular)} `) ? p : `${prefix} ${p}`));
};

const uniqueIds = (agencies: Agency[], directory: Agency[]) => {
  const chosen = new Set(agencies.map((a) => a.id));
  return directory.filter((a) => chosen.has(a.id)).map((a) => a.id);
};

/** One agency by its name: as written, abbreviated, or the directory's name with the province's name after it. */
const oneAgency = (name: string, directory: Agency[]): AgencyMatch | undefined => {
  const index = indexOf(directory).entries;
  const key = fold(name.trim());
  const exact = index.find((e) => e.key === key);
  if (exact) return { ids: [exact.agency.id], how: 'name' };
  const words = tokens(name);
  if (words.length === 0) return undefined;
  const abbreviated = index.filter((e) => sameName(words, e.tokens)).map((e) => e.agency);
  if (abbreviated.length === 1) return { ids: uniqueIds(abbreviated, directory), how: 'abbreviation' };
  // "Công an tỉnh" for the directory's "Công an tỉnh Gia Lai", when only one fits.
  const last = words.at(-1)?.word;
  if (last === 'tinh' || last === 'pho') {
    const longer = index
      .filter((e) => e.tokens.length > words.length && sameName(words, e.tokens.slice(0, words.length)))
      .map((e) => e.agency);
    if (longer.length === 1) return { ids: uniqueIds(longer, directory), how: 'abbreviation' };
  }
  return undefined;
};

/** A directory group by its name (possibly abbreviated), or the group of the tier a plural phrase names. */
const oneGroup = (name: string, directory: Agency[]): AgencyMatch | undefined => {
  const { groups } = indexOf(directory);
  // "các Sở, ban, ngành" is the group "Sở, ban, ngành": the plural article is not part of a group's name.
  const words = tokens(name).filter((t, i) => i > 0 || t.word !== 'cac');
  const byName = groups.filter(([g]) => fold(g.trim()) === fold(name.trim()) || sameName(words, tokens(g)));
  const tier = tierPhrase(name);
  const byTier = tier
    ? groups.filter(([g]) => {
        const theirs = tokens(g);
        return Object.entries(TIERS).some(([level, kinds]) => {
          const n = level.split(' ').length;
          return (
            plain(theirs.slice(-n)) === level &&
            tier.kinds.every((k) => kinds.includes(k)) &&
            sameName(tier.head, theirs.slice(0, -n))
          );
        });
      })
    : [];
  const [found, ...others] = byName.length ? byName : byTier;
  if (!found || others.length > 0) return undefined;
  return { ids: uniqueIds(found[1], directory), how: 'group', group: found[0] };
};

/** The agencies whose names are the tier's head, one of its kinds and a proper name ("UBND huyện Chư Sê"). */
const tierMembers = (name: string, directory: Agency[]): AgencyMatch | undefined => {
  const tier = tierPhrase(name);
  if (!tier) return undefined;
  const firstWords = new Set(tier.kinds.map((k) => k.split(' ')[0]));
  const members = indexOf(directory)
    .entries.filter(({ tokens: theirs }) => {
      for (let p = 1; p < theirs.length; p++) {
        if (!firstWords.has(theirs[p]?.word ?? '')) continue;
        const rest = plain(theirs.slice(p));
        const kind = tier.kinds.find((k) => rest.startsWith(`${k} `));
        if (kind && sameName(tier.head, theirs.slice(0, p))) return true;
      }
      return false;
    })
    .map((e) => e.agency);
  return members.length ? { ids: uniqueIds(members, directory), how: 'tier' } : undefined;
};

/** What a name written in a letter means in the directory. */
export const matchAgency = (name: string, directory: Agency[]): AgencyMatch => {
  const direct = oneAgency(name, directory) ?? oneGroup(name, directory) ?? tierMembers(name, directory);
  if (direct) return direct;
  const parts = enumeration(name);
  if (parts) {
    const found = parts.map((p) => ({ p, m: oneAgency(p, directory) }));
    const ids = found.flatMap((f) => f.m?.ids ?? []);
    if (ids.length > 0)
      return {
        ids: uniqueIds(
          directory.filter((a) => ids.includes(a.id)),
          directory,
        ),
        how: 'enumeration',
        unmatched: found.filter((f) => !f.m).map((f) => f.p),
      };
  }
  return { ids: [], how: 'none' };
};
