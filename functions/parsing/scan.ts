import { readAddressees } from './addressees.ts';
import { readCopies } from './copies.ts';
import { readLegalBasis } from './legal-bases.ts';
import { addLine, isNumbered, type Para } from './paragraphs.ts';
import { addresseesOpening, copiesOpening, opensLegalBasis } from './section-openers.ts';
import { hasName, lateSignerName, opensSigner, readSignerBlock, type SignerPiece } from './signer.ts';
import { BULLET, type Line } from './text.ts';
import type { DraftCopy } from './types.ts';

/**
 * The lines below the header, read once from top to bottom: a line that opens a section ("Kính gửi", "Căn cứ",
 * "Nơi nhận", a signer block) hands the lines that follow to that section's reader; every other line goes to the
 * paragraphs. The signer block may come before or after "Nơi nhận", or inside it in a flattened layout.
 */

export type Scan = {
  addressees: string[];
  legalBases: string[];
  /** The line each legal basis starts at, for the full text. */
  legalAt: number[];
  copies: DraftCopy[];
  /** A "Nơi nhận" heading was met (its list may hold only "Như trên"). */
  copiesSeen: boolean;
  signerPieces: SignerPiece[];
  paras: Para[];
};

/** Reads the section that opens at line `start`; the line after it, or undefined when no section opens there. */
const readSection = (scan: Scan, lines: Line[], start: number, blankSeparated: boolean): number | undefined => {
  const line = lines[start] as Line;
  const addressees = addresseesOpening(line);
  if (addressees) {
    const read = readAddressees(lines, start, addressees);
    scan.addressees.push(...read.names);
    return read.next;
  }
  if (opensLegalBasis(line)) {
    const read = readLegalBasis(lines, start, blankSeparated);
    scan.legalBases.push(read.text);
    scan.legalAt.push(start);
    return read.next;
  }
  const copies = copiesOpening(line);
  if (copies) {
    const read = readCopies(lines, start, copies);
    scan.copiesSeen = true;
    scan.signerPieces.push(...read.signerPieces);
    scan.copies.push(...read.copies);
    return read.next;
  }
  return undefined;
};

export const scanBody = (lines: Line[], start: number, blankSeparated: boolean): Scan => {
  const scan: Scan = {
    addressees: [],
    legalBases: [],
    legalAt: [],
    copies: [],
    copiesSeen: false,
    signerPieces: [],
    paras: [],
  };
  let afterParagraph = false;
  let signerDone = false;
  let i = start;
  while (i < lines.length) {
    const line = lines[i] as Line;
    const afterSection = readSection(scan, lines, i, blankSeparated);
    if (afterSection !== undefined) {
      i = afterSection;
      afterParagraph = false;
      continue;
    }
    if (!signerDone && !BULLET.test(line.raw) && !isNumbered(line.raw) && opensSigner(line.raw)) {
      const block = readSignerBlock(lines, i);
      scan.signerPieces.push(...block.pieces);
      signerDone = hasName(block.pieces);
      i = block.next;
      afterParagraph = false;
      continue;
    }
    const late = !signerDone && scan.signerPieces.length > 0 ? lateSignerName(line.raw) : undefined;
    if (late) {
      scan.signerPieces.push(...late);
      signerDone = hasName(late);
      i++;
      continue;
    }
    addLine(scan.paras, line, i, afterParagraph, blankSeparated);
    afterParagraph = true;
    i++;
  }
  return scan;
};
