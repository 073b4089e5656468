// PKCS#12 key stores (.p12, .pfx; RFC 7292) recognised by structure, not by name: a DER
// SEQUENCE { version INTEGER 3, authSafe ContentInfo { pkcs7-data or pkcs7-signedData, [0] ... },
// macData OPTIONAL }. A committed key store holds a private key whether or not a password
// protects it (the password is often next to it, weak, or empty), so it is reported like a key.
// A binary key store reaches the rules as one fragment: its bytes as one line of base64, the
// form a key store takes when it is pasted into text (a Kubernetes Secret, a CI variable), so one
// rule (pkcs12-key-store) finds both; its line shows a description, never the bytes.
import type { Blob } from '../contracts/blob.js';
import type { ContentKind, Fragment } from '../contracts/fragment.js';

export interface KeyStoreInfo {
  /** The authSafe's content type: password-integrity (data) or public-key integrity (signedData). */
  authSafe: 'data' | 'signedData';
  /** Whether a MacData (password-based integrity) follows. */
  mac: boolean;
}

const PKCS7 = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07]; // 1.2.840.113549.1.7

interface Tlv {
  tag: number;
  /** Offset of the value, and of the byte after it (the buffer's end for an indefinite length). */
  start: number;
  end: number;
}

/** The tag-length-value at `at`, or undefined when it does not fit in `limit`. */
function tlv(b: Uint8Array, at: number, limit: number): Tlv | undefined {
  if (at + 2 > limit) return undefined;
  const tag = b[at];
  const first = b[at + 1];
  let start = at + 2;
  let len: number;
  if (first < 0x80) len = first;
  else if (first === 0x80) return { tag, start, end: limit }; // BER indefinite length (older exporters)
  else {
    const n = first & 0x7f;
    if (n > 4 || start + n > limit) return undefined;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + b[start + i];
    start += n;
  }
  return start + len <= limit ? { tag, start, end: start + len } : undefined;
}

/** The PFX structure's facts, or undefined when the bytes are not a PKCS#12 key store. */
export function parsePkcs12(b: Uint8Array): KeyStoreInfo | undefined {
  const pfx = tlv(b, 0, b.length);
  if (!pfx || pfx.tag !== 0x30) return undefined;
  const version = tlv(b, pfx.start, pfx.end);
  if (!version || version.tag !== 0x02 || version.end - version.start !== 1 || b[version.start] !== 3) return undefined;
  const info = tlv(b, version.end, pfx.end);
  if (!info || info.tag !== 0x30) return undefined;
  const oid = tlv(b, info.start, info.end);
  if (!oid || oid.tag !== 0x06 || oid.end - oid.start !== 9) return undefined;
  for (let i = 0; i < PKCS7.length; i++) if (b[oid.start + i] !== PKCS7[i]) return undefined;
  const type = b[oid.start + 8];
  if (type !== 1 && type !== 2) return undefined;
  const content = tlv(b, oid.end, info.end);
  if (!content || content.tag !== 0xa0 || content.end - content.start < 4) return undefined;
  const mac = info.end < pfx.end ? tlv(b, info.end, pfx.end) : undefined;
  return { authSafe: type === 1 ? 'data' : 'signedData', mac: mac?.tag === 0x30 };
}

/** What a binary key store's line shows in reports instead of its bytes. */
export function keyStoreLine(info: KeyStoreInfo, size: number): string {
  return `(binary PKCS#12 key store, ${size} bytes, ${info.mac ? 'password-protected (MAC)' : 'no password MAC'})`;
}

/** A binary key store as one fragment of base64 text at line 1, or undefined when it is not one. */
export function keyStoreFragment(blob: Blob, kind: ContentKind): Fragment | undefined {
  const info = parsePkcs12(blob.bytes);
  if (!info) return undefined;
  const line = keyStoreLine(info, blob.bytes.length);
  return {
    origin: blob.origin,
    contentKind: kind,
    text: Buffer.from(blob.bytes).toString('base64'),
    lines: blob.lines,
    toFileLine: () => ({ line: 1, column: 1 }),
    fileLineText: (n) => (n === 1 ? line : undefined),
    lineTextRewritten: true,
    place: { structure: 'pkcs12' },
  };
}
