import { officialTitle, personName } from './casing.ts';
import { fold, isAllCaps, stripBullet, tol } from './text.ts';
import type { CopyPurpose, DraftCopy, DraftSigner } from './types.ts';

/** "Nơi nhận" items and the signer block ("KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC / Lê Thị Thu Hương"). */

// ---------------------------------------------------------------------------------------------------------------
// Copies

const SAME_AS_ABOVE = tol('^nhu tren\\b');
const ARCHIVE = tol('^luu\\b');
const REPORT = tol('bao cao|\\bb/c\\b|\\bbc\\b|chi dao');
const COORDINATE = tol('phoi hop|\\bp/h\\b|\\bph\\b');
const TRAILING_PURPOSE = tol(
  '\\s[-–:]\\s*((?:de\\s+)?(?:b/c|bao cao|p/h|phoi hop|biet|t/h|thuc hien|theo doi|chi dao)(?:\\s+\\S+){0,3})$',
);

const purposeOf = (key: string): CopyPurpose =>
  REPORT.test(key) ? 'REPORT' : COORDINATE.test(key) ? 'COORDINATE' : 'INFORM';

/** One "Nơi nhận" item; "Như trên" (the addressees again) gives `same-as-above`. */
export const copyOf = (rawItem: string): DraftCopy | 'same-as-above' | undefined => {
  const item = stripBullet(rawItem)
    .replace(/[\s;,]+$/u, '')
    .replace(/(?<!\/)\.+$/u, '')
    .trim();
  if (item === '') return undefined;
  const key = fold(item);
  if (SAME_AS_ABOVE.test(key)) return 'same-as-above';
  if (ARCHIVE.test(key)) return { name: item, purpose: 'ARCHIVE' };
  const paren = /\s*\(([^()]*)\)$/u.exec(item);
  if (paren?.[1] !== undefined && paren.index > 0) {
    const purpose = purposeOf(fold(paren[1]));
    return { name: item.slice(0, paren.index).trim(), purpose };
  }
  const trailing = TRAILING_PURPOSE.exec(key);
  if (trailing?.[1]) return { name: item.slice(0, trailing.index).trim(), purpose: purposeOf(trailing[1]) };
  return { name: item, purpose: 'INFORM' };
};

// ---------------------------------------------------------------------------------------------------------------
// Signer

const AUTHORITY = tol('^(?:kt|tl|tm|tuq|q)\\.\\s*\\S');
const AUTHORITY_INSIDE = tol('(?:^|\\s)(?:kt|tl|tm|tuq)\\.\\s', 'g');
const TITLE =
  '(?:pho\\s+)?(?:tong\\s+)?(?:giam doc|chu tich|chanh van phong|truong phong|truong ban|hieu truong|chi cuc truong|cuc truong|chanh thanh tra|bi thu|thu truong)';
const TITLE_START = tol(`^${TITLE}(?![a-z_])`);
const TITLE_ONLY = tol(`^${TITLE}(?:\\s+(?:so|ubnd|uy ban nhan dan))?$`);
const PLACEHOLDER = tol(
  '^[([]?\\s*(?:da ky|ky|ky ten|ky so|ky ten, dong dau|ky, ghi ro ho ten|ky va ghi ro ho ten|da ky va dong dau|daky|signed|chu ky)[^)\\]]{0,30}[)\\]]?$',
);
const NAME = /^[\p{Lu}?\ufffd][\p{L}?\ufffd'’]*(?:\s+[\p{Lu}?\ufffd][\p{L}?\ufffd'’]*){1,5}$/u;
const NOT_A_NAME = tol('^(?:nhu tren|noi nhan|kinh gui|can cu|luu\\b)');

export type SignerPiece = { kind: 'authority' | 'title' | 'name' | 'placeholder'; text: string };

const isNameLike = (raw: string) => NAME.test(raw) && !NOT_A_NAME.test(fold(raw)) && !TITLE_START.test(fold(raw));

/** "GIÁM ĐỐC PHÓ GIÁM ĐỐC" after "KT.": where the signer's own title starts (never at the first word). */
const splitAuthority = (segment: string): SignerPiece[] => {
  const tokens = segment.split(' ');
  for (let k = 2; k < tokens.length; k++) {
    const rest = tokens.slice(k).join(' ');
    if (TITLE_START.test(fold(rest)))
      return [
        { kind: 'authority', text: tokens.slice(0, k).join(' ') },
        { kind: 'title', text: rest },
      ];
  }
  return [{ kind: 'authority', text: segment }];
};

/** An ALL-CAPS part: authorities ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH") and a title ("PHÓ CHỦ TỊCH"). */
const capsPieces = (raw: string): SignerPiece[] => {
  const key = fold(raw);
  const starts = [...key.matchAll(AUTHORITY_INSIDE)].map((m) => (m[0].startsWith(' ') ? m.index + 1 : m.index));
  if (starts.length === 0) return [{ kind: TITLE_START.test(key) ? 'title' : 'name', text: raw }];
  const pieces: SignerPiece[] = [];
  if ((starts[0] ?? 0) > 0) pieces.push({ kind: 'title', text: raw.slice(0, starts[0]).trim() });
  starts.forEach((start, i) => {
    const segment = raw.slice(start, starts[i + 1] ?? raw.length).trim();
    pieces.push(
      ...(i === starts.length - 1 ? splitAuthority(segment) : [{ kind: 'authority' as const, text: segment }]),
    );
  });
  return pieces;
};

/**
 * A line of a signer block as pieces, or undefined when the line is not one. A flattened line ("KT. GIÁM ĐỐC PHÓ
 * GIÁM ĐỐC", "PHÓ GIÁM ĐỐC Lê Thị Thu Hương") gives several pieces.
 */
export const signerPieces = (raw: string, expectName: boolean): SignerPiece[] | undefined => {
  const text = raw.trim();
  const key = fold(text);
  if (PLACEHOLDER.test(key)) return [{ kind: 'placeholder', text }];
  if (isAllCaps(text)) {
    if (AUTHORITY.test(key) || TITLE_START.test(key)) return capsPieces(text);
    return expectName && isNameLike(text) ? [{ kind: 'name', text }] : undefined;
  }
  // a caps prefix followed by a name written in mixed case
  const tokens = text.split(' ');
  let k = 0;
  while (k < tokens.length && isAllCaps(tokens.slice(0, k + 1).join(' ')) && !/\p{Ll}/u.test(tokens[k] as string)) k++;
  if (k > 0 && k < tokens.length) {
    const head = tokens.slice(0, k).join(' ');
    const tail = tokens.slice(k).join(' ');
    const headKey = fold(head);
    if ((AUTHORITY.test(headKey) || TITLE_START.test(headKey)) && isNameLike(tail))
      return [...capsPieces(head), { kind: 'name', text: tail }];
  }
  if (AUTHORITY.test(key) && text.length <= 80) return splitAuthority(text);
  if (TITLE_ONLY.test(key)) return [{ kind: 'title', text }];
  if (expectName && isNameLike(text)) return [{ kind: 'name', text }];
  return undefined;
};

/** Whether a line opens a signer block. */
export const opensSigner = (raw: string): boolean => {
  const pieces = signerPieces(raw, false);
  return pieces?.some((p) => p.kind === 'authority' || p.kind === 'title') ?? false;
};

const tidy = (s: string) =>
  s
    .replace(/\s+/g, ' ')
    .replace(/[\s,;:]+$/, '')
    .trim();

export const signerFrom = (pieces: SignerPiece[]): Partial<DraftSigner> => {
  const authorities = pieces.filter((p) => p.kind === 'authority').map((p) => tidy(p.text));
  const title = pieces.find((p) => p.kind === 'title');
  const name = pieces.find((p) => p.kind === 'name');
  return {
    ...(name ? { name: personName(tidy(name.text)) } : {}),
    ...(title ? { title: officialTitle(tidy(title.text)) } : {}),
    ...(authorities.length ? { onBehalfOf: authorities.join(' / ') } : {}),
  };
};
