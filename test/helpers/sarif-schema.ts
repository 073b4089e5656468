// Validates SARIF logs twice, both from the devDependency @microsoft/sarif-multitool:
// - against the SARIF 2.1.0 JSON schema the package ships (sarif-2.1.0.json), with Ajv and real
//   checks for the formats it uses (the multitool's own schema pass skips enums, e.g. a result
//   `level` of "fatal");
// - with Microsoft's validator itself, the SARIF Multitool (a self-contained binary per
//   platform): the spec's structural rules (SARIF1xxx/2xxx) and GitHub code scanning's ingestion
//   rules (GH1xxx/GH2xxx), with `validate --rule-kind "Gh;Sarif"`.
//
// The multitool exits 0 whatever it finds, so the verdict is read from the SARIF log it writes.
// Its rule SARIF2006 fetches every URI in the log over HTTP (at level note, which is not
// reported here); the proxy variables send any such request to a closed loopback port, so a test
// never reaches the network.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);

/** The platform's Sarif.Multitool binary (the package's index resolves it). */
function multitool(): string {
  const bin = require('@microsoft/sarif-multitool') as string;
  // npm 11 runs the package's `chmod u+x` postinstall only when allowScripts approves it.
  if ((statSync(bin).mode & 0o100) === 0) chmodSync(bin, 0o755);
  return bin;
}

interface ValidationLog {
  runs: Array<{
    tool: { driver: { rules?: Array<{ id: string; messageStrings?: Record<string, { text: string }> }> } };
    results?: Array<{ ruleId: string; level?: string; message: { text?: string; id?: string; arguments?: string[] } }>;
    invocations?: Array<{ toolExecutionNotifications?: Array<{ level?: string; message: { text?: string } }> }>;
  }>;
}

/**
 * Warnings that do not apply to keysprawl's logs, each with its reason. Every error (schema,
 * SARIF structure, GitHub ingestion) and every other warning fails validation.
 */
const ADVISORY = new Map([
  // A sweep's other repositories are not on this disk, so there is no uriBaseId to map them to;
  // the scan root's own repository is mapped to %SRCROOT%.
  ['SARIF2007', 'versionControlDetails without mappedTo'],
]);

const NO_NETWORK = { HTTP_PROXY: 'http://127.0.0.1:9', HTTPS_PROXY: 'http://127.0.0.1:9', http_proxy: 'http://127.0.0.1:9', https_proxy: 'http://127.0.0.1:9', NO_PROXY: '', no_proxy: '' };

/** Runs `validate` on one file; returns its findings at level error or warning as readable lines. */
export function multitoolFindings(file: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'keysprawl-sarif-validate-'));
  try {
    const out = join(dir, 'validation.sarif');
    const res = spawnSync(multitool(), ['validate', '--rule-kind', 'Gh;Sarif', '--level', 'Error;Warning', '--output', out, file], {
      encoding: 'utf8',
      env: { ...process.env, ...NO_NETWORK, DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
      maxBuffer: 64 * 1024 * 1024,
    });
    let log: ValidationLog;
    try {
      log = JSON.parse(readFileSync(out, 'utf8')) as ValidationLog;
    } catch {
      throw new Error(`sarif-multitool wrote no validation log (exit ${res.status}): ${res.stdout}${res.stderr}`);
    }
    const run = log.runs[0];
    const strings = new Map((run.tool.driver.rules ?? []).map((r) => [r.id, r.messageStrings ?? {}]));
    const format = (ruleId: string, m: { text?: string; id?: string; arguments?: string[] }): string => {
      const template = m.text ?? (m.id ? strings.get(ruleId)?.[m.id]?.text : undefined) ?? m.id ?? '';
      return template.replace(/\{(\d+)\}/g, (_, i: string) => m.arguments?.[Number(i)] ?? '');
    };
    const problems = (run.results ?? [])
      .filter((r) => r.level !== 'note' && r.level !== 'none' && !ADVISORY.has(r.ruleId))
      .map((r) => `${r.ruleId}: ${format(r.ruleId, r.message)}`);
    // A file it could not read or parse is a tool notification, not a result.
    for (const inv of run.invocations ?? []) {
      for (const n of inv.toolExecutionNotifications ?? []) if (n.level === 'error') problems.push(`notification: ${n.message.text ?? ''}`);
    }
    return problems;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// RFC 3986, loosely: an absolute URI has a scheme; no whitespace; '%' only as a valid escape.
const URI_CHARS = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
// RFC 3339 date-time.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

let schemaValidator: ValidateFunction | undefined;

/** The SARIF 2.1.0 schema shipped beside the multitool binary (JSON Schema 2020-12). */
function compileSchema(): ValidateFunction {
  if (schemaValidator) return schemaValidator;
  // CJS interop: at run time the default import may be the module object rather than the class.
  const Ajv = ((Ajv2020 as unknown as { default?: unknown }).default ?? Ajv2020) as typeof Ajv2020.default;
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('uri', (s: string) => SCHEME.test(s) && URI_CHARS.test(s));
  ajv.addFormat('uri-reference', (s: string) => URI_CHARS.test(s));
  ajv.addFormat('date-time', (s: string) => DATE_TIME.test(s) && Number.isFinite(Date.parse(s)));
  ajv.addFormat('uuid', (s: string) => UUID.test(s));
  const schema = join(dirname(multitool()), 'sarif-2.1.0.json');
  schemaValidator = ajv.compile(JSON.parse(readFileSync(schema, 'utf8')) as object);
  return schemaValidator;
}

/** Schema errors of a parsed SARIF log; empty when it matches the schema. */
export function schemaErrors(obj: unknown): string[] {
  const validate = compileSchema();
  if (validate(obj)) return [];
  return (validate.errors ?? []).map((e) => `schema: ${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
}

/** Validation errors of a SARIF log (an object, or its JSON text); empty when it is valid. */
export function validateSarif(log: unknown): string[] {
  const obj: unknown = typeof log === 'string' ? JSON.parse(log) : log;
  const schema = schemaErrors(obj);
  if (schema.length) return schema;
  const dir = mkdtempSync(join(tmpdir(), 'keysprawl-sarif-'));
  try {
    const file = join(dir, 'log.sarif');
    writeFileSync(file, typeof log === 'string' ? log : JSON.stringify(obj, null, 2));
    return multitoolFindings(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Throws with every validation error listed when the log is not valid SARIF 2.1.0 for GitHub. */
export function assertValidSarif(log: unknown): void {
  const errors = validateSarif(log);
  if (errors.length) throw new Error(`invalid SARIF 2.1.0:\n  ${errors.slice(0, 20).join('\n  ')}`);
}
