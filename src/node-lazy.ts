// Node built-ins that most runs never use, loaded on first use instead of at start-up: loading
// node:crypto, node:zlib and node:worker_threads costs a pre-commit scan that hashes nothing,
// opens no archive and starts no worker ~15 ms of CPU (docs/performance.md). A leaf: anyone
// may import it.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

let crypto: typeof import('node:crypto') | undefined;
let zlib: typeof import('node:zlib') | undefined;
let workerThreads: typeof import('node:worker_threads') | undefined;

export const nodeCrypto = (): typeof import('node:crypto') => (crypto ??= require('node:crypto') as typeof import('node:crypto'));
export const nodeZlib = (): typeof import('node:zlib') => (zlib ??= require('node:zlib') as typeof import('node:zlib'));
export const nodeWorkerThreads = (): typeof import('node:worker_threads') =>
  (workerThreads ??= require('node:worker_threads') as typeof import('node:worker_threads'));
