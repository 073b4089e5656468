// The guard's check: the payload's pieces through the same rules and agent-structure detector
// as a scan (src/detect/), keeping what a scan's default gate would fail on (medium or high
// confidence). Returns what was found and where, never the value.
import { readFileSync } from 'node:fs';
import { agentStructureDetector } from '../detect/agent-structure.js';
import { detect } from '../detect/detect.js';
import { compileRules, type RuleSet } from '../detect/ruleset.js';
import { plainFragment } from '../extract/plain.js';
import { isCredentialName } from '../extract/credential-name.js';
import type { Fragment } from '../contracts/fragment.js';
import type { Rule, RuleMeta, StructuredRule } from '../contracts/rule.js';
import type { Piece } from './payload.js';

export interface GuardFinding {
  ruleId: string;
  /** The rule's name: what kind of key. */
  name: string;
  provider: string;
  category: string;
  where: string;
  line: number;
}

interface GuardRules {
  rules: Rule[];
  structured: StructuredRule[];
}

/** The precompiled rules (dist/rules.json, written by the build); the YAML packs only when it is missing. */
async function loadRules(): Promise<GuardRules> {
  try {
    const pre = JSON.parse(readFileSync(new URL('../rules.json', import.meta.url), 'utf8')) as Partial<GuardRules>;
    if (Array.isArray(pre.rules) && pre.rules.length && Array.isArray(pre.structured)) return { rules: pre.rules, structured: pre.structured };
  } catch {
    // fall through to the packs
  }
  // A computed specifier keeps the YAML loader out of the guard's bundle (dist/rules/ has it).
  const loader = new URL('../rules/load.js', import.meta.url).href;
  const { builtinRules, builtinStructuredRules } = (await import(loader)) as typeof import('../rules/load.js');
  return { rules: builtinRules(), structured: builtinStructuredRules() };
}

export interface Checker {
  check(pieces: Piece[]): GuardFinding[];
}

/** Above this much text the full keyword automaton pays for itself. */
const SMALL_PAYLOAD = 256 * 1024;

/**
 * The rule set for one payload. Building the keyword automaton of every rule costs ~100 ms,
 * most of a guard's budget, while a prompt is a few KB: for small payloads only the rules whose
 * keywords occur in it (case-insensitively: a superset of what the automaton would pick) are
 * compiled, which finds exactly the same matches.
 */
export function ruleSetFor(rules: Rule[], texts: string[]): RuleSet {
  const total = texts.reduce((n, t) => n + t.length, 0);
  if (total > SMALL_PAYLOAD) return compileRules(rules);
  const lower = texts.join('\n').toLowerCase();
  return compileRules(rules.filter((r) => r.keywords.length === 0 || r.keywords.some((k) => lower.includes(k))));
}

export async function makeChecker(): Promise<Checker> {
  const { rules, structured: metas } = await loadRules();
  const structured = [agentStructureDetector];
  const byId = new Map<string, RuleMeta>([...metas.filter((r) => r.detector === 'agent-structure'), ...rules].map((r) => [r.id, r]));
  return {
    check(pieces) {
      const set = ruleSetFor(rules, pieces.map((p) => p.text));
      const out: GuardFinding[] = [];
      for (const piece of pieces) {
        const fragment: Fragment = plainFragment({ kind: 'stdin', path: piece.where }, 'prompt', piece.text);
        if (piece.name && isCredentialName(piece.name)) {
          fragment.credentialContext = { name: piece.name, path: piece.where };
          fragment.place = { structure: 'agent-config' };
        }
        for (const m of detect(fragment, set, structured)) {
          if (m.confidence === 'low') continue;
          const rule = byId.get(m.ruleId);
          out.push({ ruleId: m.ruleId, name: rule?.name ?? m.ruleId, provider: rule?.provider ?? 'unknown', category: rule?.category ?? 'generic', where: piece.where, line: m.line });
        }
      }
      return out;
    },
  };
}
