// Compressed files Node cannot decompress (bzip2, xz, zstd: no decoder in node:zlib) are
// recognised by their magic bytes and counted as archive skips naming the format, not lumped
// with binary files; a key beside them is still found.
import { afterEach, describe, expect, it } from 'vitest';
import { prng } from '../../src/rules/fake.js';
import { must } from '../../src/problems/problem.js';
import { parseRuleList } from '../../src/rules/load.js';
import { scan } from '../../src/scan.js';
import { makeTree, TEST_RULE_YAML, type Tree } from '../helpers/tree.js';

const rules = must(parseRuleList(TEST_RULE_YAML, 'test.yaml'));
let tree: Tree | undefined;
afterEach(() => tree?.cleanup());

/** A header then compressed-looking (random) bytes. */
function compressed(header: number[] | string, seed: number): Buffer {
  const rnd = prng(seed);
  const head = typeof header === 'string' ? Buffer.from(header, 'latin1') : Buffer.from(header);
  return Buffer.concat([head, Buffer.from(Array.from({ length: 4096 }, () => Math.floor(rnd() * 256)))]);
}

describe('archives Node cannot open', () => {
  it('bzip2, xz and zstd files are counted archive skips naming their format', async () => {
    tree = makeTree({
      'backup.tar.bz2': compressed('BZh91AY&SY', 1),
      'dump.sql.xz': compressed([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 2),
      'logs.tar.zst': compressed([0x28, 0xb5, 0x2f, 0xfd], 3),
      'noise.bin': compressed('BZh0', 4), // not bzip2: a block size of 0
      'app.env': 'key = "tst_<<b62:32>>"\n',
    });
    const result = await scan({ paths: [tree.dir], rules });
    expect(result.secrets).toHaveLength(1);
    expect(result.stats.skipped).toMatchObject({ archive: 3, binary: 1 });
    const archive = result.stats.skippedItems.filter((i) => i.reason === 'archive').sort((a, b) => a.path.localeCompare(b.path));
    expect(archive.map((i) => i.message)).toEqual([
      'backup.tar.bz2: archive could not be opened (bzip2-compressed, which Node cannot decompress without a library keysprawl does not ship), skipped',
      'dump.sql.xz: archive could not be opened (xz-compressed, which Node cannot decompress without a library keysprawl does not ship), skipped',
      'logs.tar.zst: archive could not be opened (zstd-compressed, which Node cannot decompress without a library keysprawl does not ship), skipped',
    ]);
  });
});
