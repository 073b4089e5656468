// The structured detectors, one explicit list (no registration by import side effect). The
// engine runs them in this order after the rule set, and worker threads name them from it.
import { agentStructureDetector } from './agent-structure.js';
import { loginTableDetector } from './login-table.js';
import { postureDetector } from './posture/index.js';
import type { StructuredDetector } from './structured.js';

export const STRUCTURED_DETECTORS: readonly StructuredDetector[] = [agentStructureDetector, loginTableDetector, postureDetector];
