/**
 * The foot of the letter used to live here; it is now `copies.ts` ("Nơi nhận") and `signer.ts` (the signer block).
 * These re-exports keep the imports of test/unit/parsing/rules.test.ts working.
 */
export { copyOf } from './copies.ts';
export { opensSigner, type SignerPiece, signerFrom, signerPieces } from './signer.ts';
