// The contracts between pipeline stages (DESIGN.md §1) live one file per stage in
// src/contracts/. This file only re-exports them all for the library entry (src/index.ts), so
// `import type { Secret } from 'keysprawl'` keeps working; modules inside src/ import the
// contract file they need (test/contracts/contracts.test.ts checks that nothing else uses it).
export type * from './contracts/blob.js';
export * from './contracts/fragment.js';
export type * from './contracts/match.js';
export type * from './contracts/secret.js';
export * from './contracts/scored.js';
export type * from './contracts/verification.js';
export type * from './contracts/result.js';
export type * from './contracts/sweep.js';
export type * from './contracts/history.js';
export type * from './contracts/rule.js';
