import { constants, createHash, type KeyObject, verify, X509Certificate } from 'node:crypto';
import type forge from 'node-forge';
import asn1 from 'node-forge/lib/asn1.js';

/** Who signed a PDF: the signer's certificate subject, the signing time, and whether the signed bytes are intact. */
export type PdfSignature = {
  signer: { commonName?: string; organization?: string };
  /** ISO instant */
  signedAt?: string;
  /** the digest over the ByteRange matches the signed one and the signature verifies with the certificate's key */
  intact: boolean;
};

/*
 * A PAdES/CMS signature as Adobe and the Vietnamese signing tools (VGCA, Viettel-CA, VNPT-CA) write it: the
 * signature dictionary's /ByteRange names the signed bytes (all of the file but the /Contents hex string) and
 * /Contents holds a CMS SignedData (RFC 5652) with detached content. Verified here by hand: the digest of the byte
 * range equals the messageDigest signed attribute, and the signer's signature over the DER of the signed
 * attributes verifies with the key of the certificate the SignerInfo names. No chain validation: whether the
 * certificate belongs to a national CA is out of scope, and the page says so.
 */

type Node = forge.asn1.Asn1;

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  rsaPss: '1.2.840.113549.1.1.10',
} as const;

const DIGESTS: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
  '2.16.840.1.101.3.4.2.4': 'sha224',
};

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/;

const children = (node: Node | undefined): Node[] => (Array.isArray(node?.value) ? node.value : []);
const raw = (node: Node | undefined): string => (typeof node?.value === 'string' ? node.value : '');
const oid = (node: Node | undefined) => (node?.type === asn1.Type.OID ? asn1.derToOid(raw(node)) : undefined);
const der = (node: Node) => Buffer.from(asn1.toDer(node).getBytes(), 'binary');
const isContext = (node: Node | undefined, tag: number) =>
  node?.tagClass === asn1.Class.CONTEXT_SPECIFIC && node.type === tag;

/** A directory string: UTF8String, BMPString (UCS-2), or one of the ASCII-only types. */
const text = (node: Node | undefined): string | undefined => {
  const value = raw(node);
  if (node?.type === asn1.Type.UTF8) return Buffer.from(value, 'binary').toString('utf8');
  if (node?.type === asn1.Type.BMPSTRING) return Buffer.from(value, 'binary').swap16().toString('utf16le');
  return value || undefined;
};

const subjectOf = (certificate: Node) => {
  const tbs = children(certificate)[0];
  const fields = children(tbs);
  // [0] version is optional; subject follows serial, signature algorithm, issuer and validity
  const subject = fields[isContext(fields[0], 0) ? 5 : 4];
  const out: { commonName?: string; organization?: string } = {};
  for (const set of children(subject))
    for (const pair of children(set)) {
      const [type, value] = children(pair);
      const name = oid(type);
      if (name === OID.commonName) out.commonName ??= text(value);
      if (name === OID.organization) out.organization ??= text(value);
    }
  return out;
};

const serialOf = (certificate: Node) => {
  const fields = children(children(certificate)[0]);
  return Buffer.from(raw(fields[isContext(fields[0], 0) ? 1 : 0]), 'binary');
};

const timeOf = (node: Node | undefined): string | undefined => {
  try {
    if (node?.type === asn1.Type.UTCTIME) return asn1.utcTimeToDate(raw(node)).toISOString();
    if (node?.type === asn1.Type.GENERALIZEDTIME) return asn1.generalizedTimeToDate(raw(node)).toISOString();
  } catch {
    // an unreadable time is only a missing time
  }
  return undefined;
};

/** The signature dictionary's /M (D:20210130101500+07'00'), when the CMS carries no signing time. */
const pdfDate = (around: string): string | undefined => {
  const m = /\/M\s*\(D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/.exec(around);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s = '00', zone = 'Z'] = m;
  const offset = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.replace(/'/g, '').slice(3, 5) || '00'}`;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
};

type Parsed = {
  signer: { commonName?: string; organization?: string };
  signedAt?: string;
  check: (signedBytes: Buffer) => boolean;
};

const parseCms = (bytes: Buffer): Parsed => {
  // forge takes these options though its typings declare only `strict`
  const fromDer = asn1.fromDer as unknown as (bytes: string, options: object) => Node;
  const contentInfo = fromDer(bytes.toString('binary'), {
    strict: false,
    parseAllBytes: false, // /Contents is padded with zeros after the DER
    decodeBitStrings: false,
  });
  const [type, explicit] = children(contentInfo);
  if (oid(type) !== OID.signedData) throw new Error('not a CMS SignedData');
  const signedData = children(children(explicit)[0]);
  const certificates = children(signedData.find((node) => isContext(node, 0)));
  const signerInfo = children(children(signedData.at(-1))[0]);
  const [, sid, digestAlgorithm, ...rest] = signerInfo;
  const digest = DIGESTS[oid(children(digestAlgorithm)[0]) ?? ''];
  const signedAttributes = isContext(rest[0], 0) ? rest.shift() : undefined;
  const [signatureAlgorithm, signatureValue] = rest;
  if (!digest || certificates.length === 0 || !signatureValue) throw new Error('incomplete SignerInfo');

  // IssuerAndSerialNumber names the signer's certificate; with a SubjectKeyIdentifier, take the first one
  const serial = sid?.type === asn1.Type.SEQUENCE ? Buffer.from(raw(children(sid)[1]), 'binary') : undefined;
  const certificate = certificates.find((c) => serial && serialOf(c).equals(serial)) ?? certificates[0];
  if (!certificate) throw new Error('no certificate');
  const key: KeyObject = new X509Certificate(der(certificate)).publicKey;

  const attributes = new Map(
    children(signedAttributes).map((attribute) => {
      const [name, values] = children(attribute);
      return [oid(name) ?? '', children(values)[0]] as const;
    }),
  );
  const messageDigest = attributes.get(OID.messageDigest);
  const signature = Buffer.from(raw(signatureValue), 'binary');
  const pss = oid(children(signatureAlgorithm)[0]) === OID.rsaPss;
  const verifies = (data: Buffer) =>
    verify(
      digest,
      data,
      pss ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO } : key,
      signature,
    );

  return {
    signer: subjectOf(certificate),
    signedAt: timeOf(attributes.get(OID.signingTime)),
    check: (signedBytes) => {
      if (!signedAttributes) return verifies(signedBytes);
      const actual = createHash(digest).update(signedBytes).digest();
      if (!messageDigest || !actual.equals(Buffer.from(raw(messageDigest), 'binary'))) return false;
      // the signature covers the attributes DER-encoded as a SET OF, not under their [0] IMPLICIT tag
      return verifies(der(asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, children(signedAttributes))));
    },
  };
};

/**
 * The first signature of a PDF (the author's; later ones are usually the office's seal), or undefined when it has
 * none. Never throws: a signature that cannot be read is reported as not intact.
 */
export const readPdfSignature = async (bytes: Uint8Array): Promise<PdfSignature | undefined> => {
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const latin1 = file.toString('latin1');
  const match = BYTE_RANGE.exec(latin1);
  if (!match) return undefined;
  const [a, b, c, d] = match.slice(1).map(Number) as [number, number, number, number];
  const broken = { signer: {}, intact: false };
  if (!(a === 0 && b > 0 && c > b && d >= 0 && c + d <= file.length)) return broken;
  const contents = /^<([0-9a-fA-F\s]*)>$/.exec(latin1.slice(a + b, c));
  if (!contents) return broken;
  const dictionary = latin1.slice(Math.max(0, b - 4096), b) + latin1.slice(c, c + 4096);
  try {
    const cms = parseCms(Buffer.from((contents[1] ?? '').replace(/\s/g, ''), 'hex'));
    let intact = false;
    try {
      intact = cms.check(Buffer.concat([file.subarray(a, a + b), file.subarray(c, c + d)]));
    } catch {
      // a key type or padding node:crypto refuses: not shown as intact
    }
    const signedAt = cms.signedAt ?? pdfDate(dictionary);
    return { signer: cms.signer, ...(signedAt ? { signedAt } : {}), intact };
  } catch {
    const signedAt = pdfDate(dictionary);
    return { ...broken, ...(signedAt ? { signedAt } : {}) };
  }
};
