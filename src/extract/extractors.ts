// The structured extractors, one ordered list: extract() tries them in this order and the first
// whose `applies` accepts a path reads it (plain text when none does). Order matters where two
// claim the same file: a specific JSON format must come before the config reader, which takes
// every `*.json` and `*.yaml`. Adding an extractor is its module plus one line here.
import type { Diagnostics } from '../diagnostics.js';
import type { Blob } from '../contracts/blob.js';
import type { ContentKind, Fragment } from '../contracts/fragment.js';
import { configFormat, extractConfigFile } from './config-file.js';
import { extractNotebook } from './notebook.js';
import { extractPostman, isPostmanPath } from './postman.js';
import { extractTomlConfig, isTomlConfig } from './toml-config.js';
import { extractTranscript, isTranscriptPath } from './transcript.js';

/** An extractor turns a decoded file into fragments; it reports problems through diag. */
export type ExtractFn = (blob: Blob, text: string, kind: ContentKind, diag: Diagnostics) => Fragment[];

export interface Extractor {
  /** Short name, for tests and messages. */
  name: string;
  /** Whether this extractor reads a file of this path and content kind. */
  applies(path: string, kind: ContentKind): boolean;
  extract: ExtractFn;
}

export const EXTRACTORS: readonly Extractor[] = [
  { name: 'notebook', applies: (path, kind) => kind === 'notebook-cell' || path.toLowerCase().endsWith('.ipynb'), extract: extractNotebook },
  { name: 'transcript', applies: isTranscriptPath, extract: extractTranscript },
  { name: 'postman', applies: isPostmanPath, extract: extractPostman },
  { name: 'toml-config', applies: isTomlConfig, extract: extractTomlConfig },
  { name: 'config-file', applies: (path, kind) => kind === 'agent-config' || configFormat(path) !== undefined, extract: extractConfigFile },
];
