// NATS NKEYs: Ed25519 keys written in base32 with a type prefix and a CRC16 checksum. A seed
// (S + type letter, 58 characters) is the private key; the public key (type letter, 56
// characters) is safe to share and appears in every NATS account and user JWT.

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** CRC16/XMODEM, the checksum NATS NKEYs carry (little-endian, after the key bytes). */
export function crc16(data: Uint8Array): number {
  let crc = 0;
  for (const byte of data) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

/** RFC 4648 base32 without padding; undefined on a character outside the alphabet. */
export function base32Decode(text: string): Buffer | undefined {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const c of text) {
    const v = B32.indexOf(c);
    if (v < 0) return undefined;
    value = ((value << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The key decodes and its last two bytes are the CRC16 of the rest. */
function checksumOk(key: string, bytes: number): boolean {
  const raw = base32Decode(key);
  if (!raw || raw.length !== bytes) return false;
  return raw.readUInt16LE(bytes - 2) === crc16(raw.subarray(0, bytes - 2));
}

/** A NATS seed: S + U/A/N/O/C, 36 bytes (2 prefix + 32 seed + 2 CRC16) in base32. */
export function nkeySeed(value: string): boolean {
  return /^S[UANOC][A-Z2-7]{56}$/.test(value) && checksumOk(value, 36);
}

/** A NATS public key: U/A/N/O/C/X, 35 bytes (1 prefix + 32 key + 2 CRC16) in base32. */
export function nkeyPublic(value: string): boolean {
  return /^[UANOCX][A-Z2-7]{55}$/.test(value) && checksumOk(value, 35);
}
