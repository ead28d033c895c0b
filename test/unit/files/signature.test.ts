import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { P12Signer } from '@signpdf/signer-p12';
import { SignPdf } from '@signpdf/signpdf';
import forge from 'node-forge';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPdfSignature } from '#files/index.ts';

const FIXTURES = new URL('../../fixtures/files/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES));

const SIGNER = { commonName: 'Lê Thị Thu Hương', organization: 'Sở Thông tin và Truyền thông tỉnh Gia Lai' };
/** 10:15 in Hà Nội on the day of the letter. */
const SIGNED_AT = new Date('2021-01-30T03:15:00.000Z');

/** A self-made certificate for the signer, its subject in UTF-8 as Vietnamese CAs write it, in a PKCS#12. */
const makeP12 = () => {
  // node:crypto makes the key in milliseconds where forge's pure-JS generator takes seconds
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  certificate.serialNumber = '0a1b2c3d';
  certificate.validity.notBefore = new Date('2020-01-01T00:00:00Z');
  certificate.validity.notAfter = new Date('2030-01-01T00:00:00Z');
  // forge UTF-8-encodes a UTF8String's value itself: the names go in as they are
  const subject = [
    { shortName: 'CN', value: SIGNER.commonName, valueTagClass: forge.asn1.Type.UTF8 },
    { shortName: 'O', value: SIGNER.organization, valueTagClass: forge.asn1.Type.UTF8 },
    { shortName: 'C', value: 'VN' },
  ] as forge.pki.CertificateField[];
  certificate.setSubject(subject);
  certificate.setIssuer(subject);
  certificate.sign(key, forge.md.sha256.create());
  const p12 = forge.pkcs12.toPkcs12Asn1(key, [certificate], 'secret', { algorithm: '3des' });
  return Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
};

const sign = async (pdf: Buffer) => {
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: 'Ký ban hành',
    contactInfo: 'stttt@gialai.gov.vn',
    name: SIGNER.commonName,
    location: 'Gia Lai',
    signingTime: SIGNED_AT,
  });
  return new SignPdf().sign(withPlaceholder, new P12Signer(makeP12(), { passphrase: 'secret' }), SIGNED_AT);
};

/** One byte changed inside the first signed range: a figure of the letter's text edited after signing. */
const tamper = (signed: Buffer) => {
  const copy = Buffer.from(signed);
  const match = /\/ByteRange\s*\[\s*0\s+(\d+)/.exec(copy.toString('latin1'));
  const firstRangeLength = Number(match?.[1]);
  const at = Math.floor(firstRangeLength / 2);
  copy[at] = (copy[at] ?? 0) ^ 0x01;
  return copy;
};

describe('readPdfSignature', () => {
  let signed: Buffer;
  beforeAll(async () => {
    signed = await sign(fixture('gia-lai-126.pdf'));
  });

  it('reads the signer, the signing time and an intact signature', async () => {
    await expect(readPdfSignature(signed)).resolves.toEqual({
      signer: SIGNER,
      signedAt: SIGNED_AT.toISOString(),
      intact: true,
    });
  });

  it('tells a copy with one byte changed inside the signed range as not intact, still naming the signer', async () => {
    const tampered = tamper(signed);
    expect(tampered.equals(signed)).toBe(false);
    await expect(readPdfSignature(tampered)).resolves.toEqual({
      signer: SIGNER,
      signedAt: SIGNED_AT.toISOString(),
      intact: false,
    });
  });

  it('tells a signature whose own bytes were altered as not intact', async () => {
    const copy = Buffer.from(signed);
    const match = /\/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)/.exec(copy.toString('latin1'));
    // the last hex digits of the CMS before its zero padding are the RSA signature's
    const contents = copy.toString('latin1', Number(match?.[1]) + 1, Number(match?.[2]) - 1).replace(/0+$/, '');
    const at = Number(match?.[1]) + contents.length;
    copy[at] = copy[at] === 0x31 ? 0x32 : 0x31;
    const result = await readPdfSignature(copy);
    expect(result?.intact).toBe(false);
  });

  it('answers undefined for a PDF without a signature', async () => {
    await expect(readPdfSignature(fixture('gia-lai-126.pdf'))).resolves.toBeUndefined();
  });

  it('answers not intact, without throwing, for a signature dictionary with nonsense in it', async () => {
    const fake = Buffer.from(
      '%PDF-1.7\n<< /ByteRange [0 20 40 5] /Contents <3082deadbeef> >>\n%%EOF padding',
      'latin1',
    );
    await expect(readPdfSignature(fake)).resolves.toEqual({ signer: {}, intact: false });
    const outOfBounds = Buffer.from('%PDF-1.7\n<< /ByteRange [0 10 99999 10] /Contents <00> >>', 'latin1');
    await expect(readPdfSignature(outOfBounds)).resolves.toEqual({ signer: {}, intact: false });
  });
});
