// Validates SARIF logs against the OASIS SARIF 2.1.0 JSON schema (draft-04) kept in
// ../shared/sarif/ next to the repository, with real checks for the formats it uses.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';
import type { ValidateFunction } from 'ajv';

// CJS interop: at run time the default import is the Ajv class itself (module.exports), which
// TypeScript (NodeNext) types as the module object whose `default` is the class.
const Ajv = ((AjvDraft04 as unknown as { default?: unknown }).default ?? AjvDraft04) as typeof AjvDraft04.default;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SARIF_SCHEMA_PATH = resolve(repoRoot, '..', 'shared', 'sarif', 'sarif-schema-2.1.0.json');

// RFC 3986, loosely: an absolute URI has a scheme; no whitespace; '%' only as a valid escape.
const URI_CHARS = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
// RFC 3339 date-time.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

let validator: ValidateFunction | undefined;

function compile(): ValidateFunction {
  if (validator) return validator;
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('uri', (s: string) => SCHEME.test(s) && URI_CHARS.test(s));
  ajv.addFormat('uri-reference', (s: string) => URI_CHARS.test(s));
  ajv.addFormat('date-time', (s: string) => DATE_TIME.test(s) && Number.isFinite(Date.parse(s)));
  const compiled = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA_PATH, 'utf8')));
  validator = compiled;
  return compiled;
}

/** Schema errors of a SARIF log (an object, or its JSON text); empty when it is valid. */
export function validateSarif(log: unknown): string[] {
  const obj = typeof log === 'string' ? JSON.parse(log) : log;
  const validate = compile();
  if (validate(obj)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
}

/** Throws with every schema error listed when the log is not valid SARIF 2.1.0. */
export function assertValidSarif(log: unknown): void {
  const errors = validateSarif(log);
  if (errors.length) throw new Error(`invalid SARIF 2.1.0:\n  ${errors.slice(0, 20).join('\n  ')}`);
}
