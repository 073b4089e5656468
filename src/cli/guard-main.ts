// The hook command an AI client runs before a prompt or tool call leaves the machine
// (`keysprawl hook install --agent <client>` writes it into the client's hook config). It reads
// the client's JSON payload on stdin and answers in the client's protocol (src/guard/reply.ts).
// Built as its own small bundle (dist/cli/keysprawl-guard.mjs), so a prompt does not wait for
// the whole CLI to load. Any unexpected error refuses the request: it fails closed.
import { makeChecker } from '../guard/check.js';
import { blockMessage, failureMessage } from '../guard/message.js';
import { eventOf, MAX_PAYLOAD_CHARS, payloadPieces, subjectOf } from '../guard/payload.js';
import { allowReply, blockReply, GUARD_CLIENTS, type GuardClient, type Reply } from '../guard/reply.js';

export interface GuardIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of stream) {
    const b = typeof c === 'string' ? Buffer.from(c) : (c as Buffer);
    size += b.length;
    if (size > MAX_PAYLOAD_CHARS) throw new Error(`payload over ${MAX_PAYLOAD_CHARS} bytes`);
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function clientArg(argv: string[]): GuardClient | undefined {
  const i = argv.indexOf('--agent');
  const v = i === -1 ? undefined : argv[i + 1];
  return (GUARD_CLIENTS as readonly string[]).includes(v ?? '') ? (v as GuardClient) : undefined;
}

export async function guardReply(argv: string[], input: string | (() => Promise<string>)): Promise<Reply> {
  const client = clientArg(argv);
  // An unknown client gets Claude Code's protocol: exit 2 blocks in every client that documents it.
  const proto: GuardClient = client ?? 'claude-code';
  if (!client) return blockReply(proto, undefined, failureMessage(`unknown --agent ${argv[argv.indexOf('--agent') + 1] ?? '(missing)'}; expected ${GUARD_CLIENTS.join(', ')}`, 'claude-code'), true);
  let event: string | undefined;
  try {
    const text = typeof input === 'string' ? input : await input();
    const payload: unknown = JSON.parse(text);
    event = eventOf(payload);
    const checker = await makeChecker();
    const findings = checker.check(payloadPieces(payload));
    if (!findings.length) return allowReply(client, event);
    return blockReply(client, event, blockMessage(subjectOf(payload), findings, client));
  } catch (err) {
    // The message of a JSON error can quote the input: name the problem, not the text.
    const problem = err instanceof SyntaxError ? 'the payload is not JSON' : err instanceof Error ? err.message.split('\n')[0].slice(0, 200) : 'unknown error';
    return blockReply(client, event, failureMessage(problem, client), true);
  }
}

/** `read` defaults to the stream; the hook entry reads file descriptor 0 at once (no stream set-up). */
export async function runGuard(argv: string[], io: GuardIo, read: () => Promise<string> = () => readAll(io.stdin)): Promise<number> {
  const reply = await guardReply(argv, read);
  if (reply.stdout) io.stdout.write(reply.stdout);
  if (reply.stderr) io.stderr.write(reply.stderr);
  return reply.code;
}
