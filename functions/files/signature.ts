/** Who signed a PDF: the signer's certificate subject, the signing time, and whether the signed bytes are intact. */
export type PdfSignature = {
  signer: { commonName?: string; organization?: string };
  /** ISO instant */
  signedAt?: string;
  /** the digest over the ByteRange matches the signed one and the signature verifies with the certificate's key */
  intact: boolean;
};

// TODO(files-lib): implementation lands next; the interface is final.
export const readPdfSignature = async (_bytes: Uint8Array): Promise<PdfSignature | undefined> => undefined;
