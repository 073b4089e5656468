// JSON and YAML files: decides whether a file's structure is worth reading (an agent config,
// a litellm config.yaml, a file that may hold base64-wrapped secrets), parses it once, and
// returns the structured fragments (credential values with key paths, decoded values) followed
// by the whole file as plain text, so nothing a line-by-line scan would find is lost.
import type { Diagnostics } from '../diagnostics.js';
import type { Blob } from '../contracts/blob.js';
import type { ContentKind, Fragment } from '../contracts/fragment.js';
import { ConfigParseError, parseJsonTree, parseYamlTrees, type CNode } from './config-tree.js';
import { encodedFragment, encodedValues, MAX_DECODED_PER_FILE, maskSpans, mayHoldEncoded, type EncodedValue } from './encoded.js';
import { JsonSyntaxError } from './json-source.js';
import { LineIndex } from './line-index.js';
import { plainFragment } from './plain.js';
import { agentValueFragments, looksLikeLitellm } from './structured-config.js';

/** Larger files are scanned as plain text only: configs are small, data files are not. */
export const MAX_STRUCTURED_SIZE = 4 * 1024 * 1024;

export function configFormat(path: string): 'json' | 'yaml' | undefined {
  const base = (path.split('/').pop() ?? path).toLowerCase();
  if (/\.jsonc?$/.test(base) || base.startsWith('oai_config_list')) return 'json';
  if (/\.ya?ml$/.test(base)) return 'yaml';
  return undefined;
}

function parseTrees(text: string, format: 'json' | 'yaml'): CNode[] {
  return format === 'json' ? [parseJsonTree(text)] : parseYamlTrees(text);
}

function parseProblem(err: unknown, raw: LineIndex): string | undefined {
  if (!(err instanceof JsonSyntaxError) && !(err instanceof ConfigParseError)) return undefined;
  const at = raw.position(err.offset);
  return `${err.message} at line ${at.line} column ${at.column}`;
}

/** Keep decoded values up to the per-file cap; say once when the cap cut some off. */
function capped(values: EncodedValue[], path: string, diag: Diagnostics): EncodedValue[] {
  let total = 0;
  const kept = values.filter((v) => (total += v.text.length) <= MAX_DECODED_PER_FILE);
  if (kept.length < values.length) {
    diag.warn(`${path}: over ${MAX_DECODED_PER_FILE} bytes of base64-encoded values, ${values.length - kept.length} left encoded`);
  }
  return kept;
}

export function extractConfigFile(blob: Blob, text: string, kind: ContentKind, diag: Diagnostics): Fragment[] {
  const path = blob.origin.path;
  const format = configFormat(path);
  const effKind: ContentKind = format === 'yaml' && (kind === 'code' || kind === 'other') && looksLikeLitellm(text) ? 'agent-config' : kind;
  const agent = effKind === 'agent-config';
  const encoded = mayHoldEncoded(path, text);
  // CI files are parsed here too, so a broken one is reported once (its posture cannot be read).
  const ci = effKind === 'ci-config' && format === 'yaml';
  const whole = (t: string) => plainFragment(blob.origin, effKind, t, blob.lines);
  if (!format || (!agent && !encoded && !ci) || text.length > MAX_STRUCTURED_SIZE) return [whole(text)];
  const raw = new LineIndex(text);
  let trees: CNode[];
  try {
    trees = parseTrees(text, format);
  } catch (err) {
    const problem = parseProblem(err, raw);
    if (problem === undefined) throw err;
    // Templated YAML (Helm charts) is not YAML: only agent and CI configs are expected to parse.
    if (agent || ci) diag.warn(`${path}: not valid ${format.toUpperCase()} (${problem}), scanned as plain text`);
    return [whole(text)];
  }
  const out = agent ? agentValueFragments(blob, effKind, raw, trees) : [];
  const values = encoded ? capped(encodedValues(trees), path, diag) : [];
  out.push(...values.map((v) => encodedFragment(blob, effKind, raw, v)));
  out.push(whole(maskSpans(text, values.filter((v) => v.encoded).map((v) => v.scalar))));
  return out;
}
