import { officialTitle, personName } from './casing.ts';
import { type Findings, warn } from './findings.ts';
import { MESSAGES } from './messages.ts';
import { fold, isAllCaps, type Line, tol } from './text.ts';
import type { DraftSigner } from './types.ts';

/**
 * The signer block ("KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC / (Đã ký) / Lê Thị Thu Hương"). Its lines are read as pieces
 * (authority, title, name, placeholder) because a flattened two-column layout puts them on one line, or between the
 * lines of "Nơi nhận"; the pieces are assembled into the draft's signer at the end.
 */

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

/** Reads a signer block from its first line: up to eight lines, ending at the signer's name. */
export const readSignerBlock = (lines: Line[], first: number): { pieces: SignerPiece[]; next: number } => {
  let next = first;
  let pieces: SignerPiece[] = [];
  while (next < lines.length && next < first + 8) {
    const p = signerPieces((lines[next] as Line).raw, pieces.length > 0);
    if (!p) break;
    pieces = pieces.concat(p);
    next++;
    if (p.some((x) => x.kind === 'name')) break;
  }
  return { pieces, next };
};

export const hasName = (pieces: SignerPiece[]): boolean => pieces.some((p) => p.kind === 'name');

/** The name under a signer block that a "Nơi nhận" list interrupted (a line of only a name or "(Đã ký)"). */
export const lateSignerName = (raw: string): SignerPiece[] | undefined => {
  const pieces = signerPieces(raw, true);
  return pieces?.every((p) => p.kind === 'name' || p.kind === 'placeholder') ? pieces : undefined;
};

/** The draft's signer, when the block gives a name or a title; the missing half is warned about. */
export const signerOf = (pieces: SignerPiece[], findings: Findings): DraftSigner | undefined => {
  const signer = signerFrom(pieces);
  if (!signer.name && !signer.title) {
    warn(findings, 'signer', MESSAGES.signer);
    return undefined;
  }
  const full: DraftSigner = { name: signer.name ?? '', title: signer.title ?? '' };
  if (signer.onBehalfOf) full.onBehalfOf = signer.onBehalfOf;
  if (!signer.name) warn(findings, 'signer.name', MESSAGES.signerName);
  if (!signer.title) warn(findings, 'signer.title', MESSAGES.signerTitle);
  return full;
};
