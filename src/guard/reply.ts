// Each client's documented way for a hook to refuse (docs/agents.md has the sources):
// Claude Code, Codex and Gemini CLI: exit code 2, the reason on stderr (shown to the model and
// the user); Cursor: a JSON answer on stdout, `{"continue": false}` for a prompt and
// `{"permission": "deny"}` for a shell command or MCP call. An allowed payload exits 0 (Gemini
// CLI and Cursor get the JSON they expect: `{}` or the allow answer).

export const GUARD_CLIENTS = ['claude-code', 'cursor', 'codex', 'gemini-cli'] as const;
export type GuardClient = (typeof GUARD_CLIENTS)[number];

export interface Reply {
  code: number;
  stdout: string;
  stderr: string;
}

function cursorAnswer(event: string | undefined, allow: boolean, message?: string): string {
  if (event === 'beforeSubmitPrompt') return JSON.stringify(allow ? { continue: true } : { continue: false, user_message: message });
  if (event === undefined && !allow) {
    // unknown event (an error before the payload was read): refuse in every shape Cursor reads
    return JSON.stringify({ continue: false, permission: 'deny', user_message: message, agent_message: message });
  }
  return JSON.stringify(allow ? { permission: 'allow' } : { permission: 'deny', user_message: message, agent_message: message });
}

export function allowReply(client: GuardClient, event: string | undefined): Reply {
  if (client === 'cursor') return { code: 0, stdout: `${cursorAnswer(event, true)}\n`, stderr: '' };
  if (client === 'gemini-cli') return { code: 0, stdout: '{}\n', stderr: '' };
  return { code: 0, stdout: '', stderr: '' };
}

/**
 * A refusal. `failed` marks a refusal because the check itself could not run (fail closed):
 * Cursor then also gets exit 2, which it treats as a block when the JSON cannot be trusted.
 */
export function blockReply(client: GuardClient, event: string | undefined, message: string, failed = false): Reply {
  if (client === 'cursor') return { code: failed ? 2 : 0, stdout: `${cursorAnswer(failed ? undefined : event, false, message)}\n`, stderr: failed ? `${message}\n` : '' };
  return { code: 2, stdout: '', stderr: `${message}\n` };
}
