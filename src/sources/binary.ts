// Binary sniff: a NUL byte in the first 8 KiB, as git and ripgrep do. UTF-16 text (which is
// full of NULs) is recognised by its byte-order mark and is not binary.
const SNIFF = 8192;

export function hasUtf16Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}

export function isBinary(bytes: Uint8Array): boolean {
  if (hasUtf16Bom(bytes)) return false;
  const n = Math.min(bytes.length, SNIFF);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}
