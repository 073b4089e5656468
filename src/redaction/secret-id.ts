// Secret ids: HMAC-SHA-256 of the value keyed by KEYSPRAWL_HASH_SALT, so the same key gets the
// same id in every report (and across shards), while a leaked report allows no offline guessing
// without the salt.
import { nodeCrypto } from '../node-lazy.js';

export const DEFAULT_SALT = 'keysprawl/v1 default salt: set KEYSPRAWL_HASH_SALT for your organisation';

export function hashSalt(env: NodeJS.ProcessEnv = process.env): string {
  return env.KEYSPRAWL_HASH_SALT || DEFAULT_SALT;
}

export function secretId(value: string, salt: string = hashSalt()): string {
  return nodeCrypto().createHmac('sha256', salt).update(value, 'utf8').digest('hex');
}
