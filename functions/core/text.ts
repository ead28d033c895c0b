/**
 * Text as people search it: Vietnamese typed without its marks ("ha noi" for "Hà Nội", "d" for "đ") is the same
 * text. One helper for every room that needs it (the phone notices' GSM text, file names, the searches).
 */

/** "Công văn số 126/STTTT-BCVT — Đề nghị" → "Cong van so 126/STTTT-BCVT — De nghi". */
export const withoutDiacritics = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');

/** Each character's folding, built as met: the directory folds thousands of names for every search. */
const folded = new Map<number, string>();

const foldUnit = (code: number) => {
  let out = folded.get(code);
  if (out === undefined) {
    out = withoutDiacritics(String.fromCharCode(code)).toLowerCase();
    folded.set(code, out);
  }
  return out;
};

/** What a search compares: no marks, lower case, one space between words. */
export const searchKey = (text: string) => {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) out += code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : text[i];
    // A combining mark (text typed or pasted decomposed) is dropped like a precomposed letter's mark.
    else if (code < 0x0300 || code > 0x036f) out += foldUnit(code);
  }
  return out.replace(/\s+/g, ' ').trim();
};
