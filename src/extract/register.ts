// Turns on the content-aware extractors and the structured detectors that read what they
// produce. Imported once by the engine (src/scan.ts) after src/extract/index.ts has loaded, so
// the registries exist when these calls run.
import '../detect/agent-structure.js';
import '../detect/posture/index.js';
import { configFormat, extractConfigFile } from './config-file.js';
import { registerExtractor } from './index.js';
import { extractNotebook } from './notebook.js';
import { extractTomlConfig, isTomlConfig } from './toml-config.js';
import { extractTranscript, isTranscriptPath } from './transcript.js';

registerExtractor((path, kind) => kind === 'notebook-cell' || path.toLowerCase().endsWith('.ipynb'), extractNotebook);
registerExtractor(isTranscriptPath, extractTranscript);
registerExtractor(isTomlConfig, extractTomlConfig);
registerExtractor((path, kind) => kind === 'agent-config' || configFormat(path) !== undefined, extractConfigFile);
