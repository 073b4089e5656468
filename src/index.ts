// Library entry: `import { scan } from 'keysprawl'`.
export { scan, DEFAULT_MAX_FILE_SIZE, type ScanOptions } from './scan.js';
export { builtinRules, loadRulePacks, parseRuleList } from './rules/load.js';
export { compileRules } from './detect/ruleset.js';
export { detect } from './detect/detect.js';
export { secretId, hashSalt } from './redaction/secret-id.js';
export { redact } from './redaction/redact.js';
export { DEFAULT_WEIGHTS, mergeWeights, validateWeights, type Weights } from './score/weights.js';
export { scoreSecret, severityOf } from './score/score.js';
export { UsageError, InternalError } from './errors.js';
export { VERSION } from './version.js';
export type * from './types.js';
