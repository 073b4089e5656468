// GitHub Actions: secrets exposed wider than needed. LLM/agent keys in workflow-level env,
// secrets reachable from jobs that run a pull request's code under pull_request_target or
// workflow_run, and (from shared-secret.ts) each (job, cloud secret name) pair for the
// shared-secret rule.
import type { CEntry } from '../../extract/config-tree.js';
import { keySpan, type PostureFinding } from './finding.js';
import { LLM_KEY_WORKFLOW_ENV, PR_TARGET_SECRETS } from './rule-ids.js';
import { sharedSecretFindings } from './shared-secret.js';
import { secretRefs, valueOf, type Job, type Workflow } from './workflow.js';

/** Name parts that mark an LLM or agent-platform credential (OPENAI_API_KEY, HF_TOKEN, ...). */
const LLM_WORDS = new Set([
  'OPENAI', 'ANTHROPIC', 'CLAUDE', 'GEMINI', 'GENAI', 'COHERE', 'CO', 'MISTRAL', 'GROQ', 'HF', 'HUGGINGFACE',
  'REPLICATE', 'TOGETHER', 'PINECONE', 'LANGCHAIN', 'LANGSMITH', 'LANGFUSE', 'DEEPSEEK', 'XAI', 'GROK',
  'PERPLEXITY', 'PPLX', 'FIREWORKS', 'OPENROUTER', 'VOYAGE', 'AI21', 'WEAVIATE', 'QDRANT', 'LLAMACLOUD',
  'LLAMA', 'E2B', 'TAVILY', 'SERPAPI', 'SERPER', 'EXA', 'AGENTOPS', 'COMPOSIO', 'BROWSERBASE', 'CEREBRAS',
  'NVIDIA', 'DASHSCOPE', 'MOONSHOT', 'ELEVENLABS', 'ASSEMBLYAI', 'DEEPGRAM', 'WANDB', 'CURSOR', 'DEVIN',
]);

export function isLlmKeyName(name: string): boolean {
  const upper = name.toUpperCase();
  if (!/(?:KEY|TOKEN|SECRET)$/.test(upper)) return false;
  const parts = upper.split(/[_-]/);
  return parts.some((p) => LLM_WORDS.has(p)) || /HUGGING_?FACE|AZURE_OPENAI|AZURE_AI/.test(upper);
}

function llmEnvFindings(src: string, path: string, wf: Workflow): PostureFinding[] {
  const out: PostureFinding[] = [];
  for (const e of wf.env) {
    const refs = secretRefs(src, e.value);
    if (!refs.length || !(isLlmKeyName(e.key) || refs.some((r) => isLlmKeyName(r.name)))) continue;
    out.push({
      ruleId: LLM_KEY_WORKFLOW_ENV,
      key: `${path}#(workflow env)#${e.key}`,
      ...keySpan(e),
      facts: { workflow: path, job: '(workflow env)', variable: e.key, secrets: refs.map((r) => r.name), jobs: wf.jobs.length },
    });
  }
  return out;
}

const PR_HEAD = /github\.event\.pull_request\.head\.(?:sha|ref)|github\.head_ref|github\.event\.workflow_run\.head_(?:sha|branch)|refs\/pull\/|github\.event\.(?:pull_request\.)?number/;
const PR_REPO = /pull_request\.head\.repo|workflow_run\.head_repository/;
const PR_SHELL = /gh pr checkout|git fetch[^\n]*pull\/|git checkout[^\n]*(?:head_ref|pull_request\.head)/;

/** Where a job checks out the pull request's own code, if it does. */
function prCheckout(src: string, job: Job): { start: number; end: number } | undefined {
  for (const step of job.steps) {
    if (step.action === 'actions/checkout') {
      const e = step.with.find((w) => (w.key === 'ref' && PR_HEAD.test(valueOf(w))) || (w.key === 'repository' && PR_REPO.test(valueOf(w))));
      if (e) return keySpan(e);
    }
    if (step.run && PR_SHELL.test(src.slice(step.run.start, step.run.end))) {
      const runKey = step.node.kind === 'map' ? step.node.entries.find((e: CEntry) => e.key === 'run') : undefined;
      if (runKey) return keySpan(runKey);
    }
  }
  return undefined;
}

function prTargetFindings(src: string, path: string, wf: Workflow): PostureFinding[] {
  const trigger = ['pull_request_target', 'workflow_run'].find((t) => wf.triggers.has(t));
  if (!trigger) return [];
  const out: PostureFinding[] = [];
  for (const job of wf.jobs) {
    const at = prCheckout(src, job);
    if (!at) continue;
    const names = [...new Set([...job.refs, ...wf.envRefs].map((r) => r.name))].sort();
    if (!names.length && !job.inheritsSecrets) continue;
    out.push({
      ruleId: PR_TARGET_SECRETS,
      key: `${path}#${job.id}#pr-checkout`,
      ...at,
      facts: { workflow: path, job: job.id, trigger, secrets: job.inheritsSecrets ? [...names, '(inherit)'] : names },
    });
  }
  return out;
}

export function exposureFindings(src: string, path: string, wf: Workflow): PostureFinding[] {
  return [...llmEnvFindings(src, path, wf), ...prTargetFindings(src, path, wf), ...sharedSecretFindings(src, path, wf)];
}
