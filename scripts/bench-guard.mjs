#!/usr/bin/env node
// Guard latency (a section of npm run bench; also runs alone: node scripts/bench-guard.mjs).
// Each payload is piped into a freshly started guard process, exactly as an AI client runs the
// hook (cold start every time), and timed with a monotonic clock; `node -e 0` is timed the same
// way in the same loop, so the guard's own cost reads as the difference on a noisy machine.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const REPO = resolve(import.meta.dirname, '..');
const GUARD = join(REPO, 'dist', 'cli', 'keysprawl-guard.mjs');

async function payloads() {
  const { expandFakes } = await import(pathToFileURL(join(REPO, 'dist', 'rules', 'fake.js')).href);
  const key = expandFakes('<<github:ghp_>>', 1);
  const session = { session_id: 'bench', transcript_path: '/tmp/t.jsonl', cwd: '/work/app', permission_mode: 'default' };
  const cursor = { conversation_id: 'c', generation_id: 'g', workspace_roots: ['/work/app'] };
  const prose = 'Refactor the payment module so that retries back off exponentially and log each attempt. '.repeat(40);
  return [
    { name: 'claude-code prompt, clean (3.6 KB)', agent: 'claude-code', body: { ...session, hook_event_name: 'UserPromptSubmit', prompt: prose } },
    { name: 'claude-code prompt with a key', agent: 'claude-code', body: { ...session, hook_event_name: 'UserPromptSubmit', prompt: `${prose} token ${key}` } },
    { name: 'claude-code PreToolUse Bash with a key', agent: 'claude-code', body: { ...session, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: `curl -H "Authorization: token ${key}" https://api.github.com` } } },
    { name: 'cursor beforeMCPExecution with a key', agent: 'cursor', body: { ...cursor, hook_event_name: 'beforeMCPExecution', tool_name: 'create_issue', tool_input: JSON.stringify({ body: `repro ${key}` }) } },
    { name: 'claude-code Write of a 200 KB file, clean', agent: 'claude-code', body: { ...session, hook_event_name: 'PreToolUse', tool_name: 'Write', tool_input: { file_path: '/work/app/big.ts', content: 'export const x = 1;\n'.repeat(10_000) } } },
  ];
}

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Wall time (monotonic clock) and, where GNU time exists, the child's CPU time (user + sys). */
function wallMs(argv, input) {
  const t = process.hrtime.bigint();
  const r = TIME
    ? spawnSync(TIME, ['-f', 'KSCPU %U %S', process.execPath, ...argv], { input, encoding: 'utf8' })
    : spawnSync(process.execPath, argv, { input, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const m = /KSCPU ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  return { ms, cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN, status: r.status };
}

const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

/** Median cold-start latency per payload, and node -e 0 measured in the same loop. */
export async function benchGuard(runs = 9) {
  if (!existsSync(GUARD)) throw new Error(`${GUARD}: missing (npm run build first)`);
  const rows = [];
  for (const p of await payloads()) {
    const input = JSON.stringify(p.body);
    const guard = [];
    const guardCpu = [];
    const node = [];
    const nodeCpu = [];
    let status;
    for (let i = 0; i < runs; i++) {
      const g = wallMs([GUARD, '--agent', p.agent], input);
      guard.push(g.ms);
      guardCpu.push(g.cpu);
      status = g.status;
      const n = wallMs(['-e', '0'], '');
      node.push(n.ms);
      nodeCpu.push(n.cpu);
    }
    rows.push({ name: p.name, ms: median(guard), node: median(node), cpu: median(guardCpu), nodeCpu: median(nodeCpu), status });
  }
  return rows;
}

export function printGuard(rows, runs = 9) {
  console.log(`guard (hook install --agent): cold start per payload, median of ${runs} (wall; CPU = user+sys of the process)`);
  for (const r of rows) {
    const cpu = Number.isFinite(r.cpu) ? `, CPU ${r.cpu.toFixed(0)} ms vs node -e 0 CPU ${r.nodeCpu.toFixed(0)} ms` : '';
    console.log(`  ${r.name.padEnd(42)} ${r.ms.toFixed(0).padStart(4)} ms wall (node -e 0: ${r.node.toFixed(0)} ms; guard's own ${(r.ms - r.node).toFixed(0)} ms${cpu}; exit ${r.status})  target < 150 ms`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const runs = Number(process.argv[2] ?? 9);
  printGuard(await benchGuard(runs), runs);
}
