// node-forge's ASN.1 module alone (its index pulls in every cipher: ≈ 290 KiB more in a bundle); typed as the
// asn1 namespace of @types/node-forge.
declare module 'node-forge/lib/asn1.js' {
  const asn1: typeof import('node-forge').asn1;
  export default asn1;
}
