import { isAllCaps, type Line, tol } from './text.ts';

/**
 * The lines that open a section of the letter below the header: "Kính gửi:" (or the Công điện form "CHỦ TỊCH …
 * ĐIỆN:"), "Căn cứ …" and "Nơi nhận:". Every section reader stops at any of them, so they live together.
 */

const KINH_GUI = tol('^kinh\\s*gui\\s*:?\\s*');
const DIEN_LIST = tol(
  '^(?:chu tich|pho chu tich|thu truong|bo truong|giam doc|uy ban nhan dan|ubnd)[^:]{0,90}\\sdien\\s*:\\s*',
);
const CAN_CU = tol('^can\\s*cu(?![a-z_])');
const NOI_NHAN = tol('^noi\\s*nhan\\s*:?\\s*');

/** "Kính gửi:" or "… ĐIỆN:" (in capitals, so that a sentence about a telegram is not taken); the match ends at the list. */
export const addresseesOpening = (line: Line): RegExpExecArray | undefined => {
  const kinhGui = KINH_GUI.exec(line.key);
  if (kinhGui) return kinhGui;
  const dien = DIEN_LIST.exec(line.key);
  return dien && isAllCaps(line.raw.split(':')[0] ?? '') ? dien : undefined;
};

export const opensLegalBasis = (line: Line): boolean => CAN_CU.test(line.key);

/** "Nơi nhận:"; the match ends where the first copy may start on the same line. */
export const copiesOpening = (line: Line): RegExpExecArray | undefined => NOI_NHAN.exec(line.key) ?? undefined;

export const opensSection = (line: Line): boolean =>
  addresseesOpening(line) !== undefined || opensLegalBasis(line) || NOI_NHAN.test(line.key);
