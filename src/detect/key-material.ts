// Private key material that cannot be used as found: an armoured body cut short (a DER
// sequence declaring more bytes than the body holds, as in a test fixture trimmed to three
// lines) or encrypted under a passphrase (PKCS#8 ENCRYPTED, a legacy Proc-Type: 4,ENCRYPTED
// header, or an OpenSSH key whose cipher is not "none").

/** A DER SEQUENCE whose declared length runs past the end of the bytes. */
function derTruncated(der: Buffer): boolean {
  if (der.length < 2 || der[0] !== 0x30) return false;
  const first = der[1];
  if (first < 0x80) return 2 + first > der.length;
  const n = first & 0x7f;
  if (n < 1 || n > 3 || der.length < 2 + n) return n >= 1 && n <= 3;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + der[2 + i];
  return 2 + n + len > der.length;
}

const OPENSSH_MAGIC = 'openssh-key-v1\0';

/** OpenSSH key: encrypted when its cipher name is not "none"; truncated when the header is cut. */
function opensshUnusable(bin: Buffer): boolean | undefined {
  if (bin.subarray(0, OPENSSH_MAGIC.length).toString('latin1') !== OPENSSH_MAGIC) return undefined;
  const at = OPENSSH_MAGIC.length;
  if (bin.length < at + 4) return true;
  const len = bin.readUInt32BE(at);
  if (bin.length < at + 4 + len) return true;
  return bin.subarray(at + 4, at + 4 + len).toString('latin1') !== 'none';
}

/**
 * Whether a PEM private key block (armour included) is unusable as found. `body` is its base64
 * with headers and whitespace removed.
 */
export function unusableKeyMaterial(block: string, body: string): boolean {
  const label = /-----BEGIN ([A-Z0-9 ]{1,60})-----/.exec(block)?.[1] ?? '';
  if (/ENCRYPTED/.test(label) || /Proc-Type:\s*4\s*,\s*ENCRYPTED/i.test(block)) return true;
  if (/PGP/.test(label)) return false;
  const bin = Buffer.from(body, 'base64');
  return opensshUnusable(bin) ?? derTruncated(bin);
}
