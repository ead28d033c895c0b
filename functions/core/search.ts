import { searchKey } from './text.ts';

/**
 * Searching what officials type, the way they type it: without accents ("ha noi" finds "Hà Nội", "d" finds "đ"),
 * in any case, as words that start a word of what is searched ("cong an" finds "Công an tỉnh", not "Công ty … Gia
 * Lai"). Letters and digits only: "vanthu@congan.gialai" and "126/STTTT-BCVT" are several words each.
 */

/** What is searched, made once per item: folded (core/text.ts), one space before every word. */
export const searchWords = (...parts: readonly (string | undefined)[]) =>
  ` ${searchKey(parts.filter(Boolean).join(' '))
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()}`;

/**
 * The search, folded once, as a test of keys: whether it, as consecutive words, starts at a word of the key. An
 * empty search matches nothing.
 */
export const searchFor = (q: string) => {
  const wanted = searchWords(q);
  return (key: string) => wanted.trim() !== '' && key.includes(wanted);
};
