// `keysprawl explain <secret-id> [paths...]`: one secret in full — every place it was found, the
// blast-radius factor table that produced its score, the OWASP NHI risks it evidences and what
// to replace it with. It scans the paths (default .) or reads a JSON report (--from), finds the
// secret by id prefix, and prints src/report/explain-text.ts's rendering (or the secret as JSON).
import { UsageError, errorMessage } from '../errors.js';
import { renderExplain, SHORT_ID } from '../report/explain-text.js';
import type { ReportResult } from '../report/json.js';
import { parseJsonReport } from '../report/json-read.js';
import { sanitize } from '../report/sanitize.js';
import { scan } from '../scan.js';
import type { Secret } from '../contracts/scored.js';
import type { GitFlags } from './git-options.js';
import { stdinFor, type Io } from './io.js';
import { setUpScan } from './scan-setup.js';
import { planAgentScan, type AgentFlags } from './agents-options.js';
import { OWN_FILE_LIMITS, readOwnFile } from '../own-file.js';

/** The scan flags that change which secrets exist and how they score, as `scan` takes them. */
export interface ExplainFlags extends GitFlags, AgentFlags {
  from?: string;
  rules?: string;
  config?: string | false;
  gitignore: boolean;
  redact: boolean;
  maxFileSize: string;
  json?: boolean;
  quiet?: boolean;
}

const MIN_PREFIX = 4;

async function loadResult(paths: string[], flags: ExplainFlags, io: Io): Promise<ReportResult> {
  if (flags.from) {
    if (paths.length) throw new UsageError('explain: give either --from REPORT or paths to scan, not both');
    let text: string;
    try {
      text = readOwnFile(flags.from, OWN_FILE_LIMITS.report);
    } catch (err) {
      throw new UsageError(`${flags.from}: cannot read report (${errorMessage(err)})`);
    }
    return parseJsonReport(text, flags.from);
  }
  // The same setup as `scan` (config, suppressions, git modes), so ids and scores match its report.
  const warn = (line: string) => {
    if (!flags.quiet) io.stderr.write(`keysprawl: warning: ${line}\n`);
  };
  const { options } = await setUpScan(paths, flags, { ...stdinFor(paths, io), onWarning: warn });
  const agents = flags.agents ? planAgentScan(paths, flags, options, io.env) : undefined;
  return scan({ ...options, ...(agents ? { source: agents.source } : {}) });
}

/** The one secret whose id starts with `prefix`; a UsageError when none or several do. */
export function findSecret(secrets: readonly Secret[], prefix: string): Secret {
  const p = prefix.trim().toLowerCase();
  if (!new RegExp(`^[0-9a-f]{${MIN_PREFIX},64}$`).test(p)) {
    throw new UsageError(`explain: "${sanitize(prefix)}" is not a secret id: give at least ${MIN_PREFIX} hex characters of the id a report shows`);
  }
  const found = secrets.filter((s) => s.id.startsWith(p));
  if (found.length === 1) return found[0];
  if (!found.length) throw new UsageError(`explain: no secret id starts with ${p} (${secrets.length} secret(s) found)`);
  const list = found.slice(0, 5).map((s) => `${s.id.slice(0, SHORT_ID)} ${s.ruleId}`).join(', ');
  throw new UsageError(`explain: ${found.length} secrets start with ${p} (${list}${found.length > 5 ? ', …' : ''}): give more characters`);
}

export async function runExplain(id: string, paths: string[], flags: ExplainFlags, io: Io): Promise<number> {
  const result = await loadResult(paths, flags, io);
  const secret = findSecret(result.secrets, id);
  const rule = result.rules.find((r) => r.id === secret.ruleId);
  io.stdout.write(flags.json ? `${JSON.stringify(secret, null, 2)}\n` : renderExplain(secret, rule));
  return 0;
}
