/**
 * A DOCX is inflated whole in memory by JSZip (under mammoth): a few MB of zip can declare gigabytes of XML. The
 * zip's central directory says how large each part will be; a file that declares more than a directive could
 * ever need is refused before anything is inflated. (A zip that lies about its sizes is caught by JSZip, which
 * checks them, only after inflating; the 4 MB upload limit bounds that.)
 */

/** Word parts of the longest real letters are well under 1 MB; images stay compressed as they are. */
export const MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024;

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;

/** The total of the sizes the central directory declares, or undefined when it cannot be read. */
export const declaredUncompressedBytes = (bytes: Uint8Array): number | undefined => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // the end record sits in the last 22 bytes plus a comment of at most 65,535
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--)
    if (view.getUint32(at, true) === END_OF_CENTRAL_DIRECTORY) {
      end = at;
      break;
    }
  if (end < 0) return undefined;
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL_DIRECTORY_ENTRY) return undefined;
    const size = view.getUint32(at + 24, true);
    // 0xFFFFFFFF: the real size is in a ZIP64 field; no Word file needs one
    if (size === 0xffffffff) return Number.POSITIVE_INFINITY;
    total += size;
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return total;
};
