// Structured detector: logins written as a Markdown table, a row per account under a header
// with a user column and a password column (`| Host | ID | PW |`), as wikis, READMEs and
// hand-over notes keep them. No cell says "password" but the header does, so each row's
// password cell is reported when it is a literal password (src/detect/password-context.ts: not
// a variable, a default, a word, the user name itself); a table without a user column is not a
// login table (a `| field | type |` schema with a `password` row stays quiet).
import type { Fragment } from '../contracts/fragment.js';
import type { Match } from '../contracts/match.js';
import { deriveFacts } from './derive.js';
import { isAscii } from 'node:buffer';
import { passwordLiteral } from './password-context.js';
import type { StructuredDetector } from './structured.js';

/** Rule id (its metadata: rules/credential-contexts.yaml). */
export const LOGIN_TABLE_RULE_ID = 'password-in-login-table';

const PASSWORD_HEADER = /^(?:pw|pwd|passwd|pass|password|passphrase|passcode|login password|비밀번호|패스워드|비번|パスワード|密码|密碼|contraseña|senha|пароль|passwort|mot de passe)$/i;
const USER_HEADER = /^(?:id|user|username|user name|user id|userid|login|account|email|e-mail|아이디|계정|사용자|ユーザー名?|ユーザid|用户名|账号|帳號|usuario|benutzer(?:name)?)$/i;
/** A quick test for a header row naming a password column, before any line is split. */
const TRIGGER = /\|\s*(?:pw|pwd|passwd|pass|password|passphrase|passcode|login password|비밀번호|패스워드|비번|パスワード|密码|密碼|contraseña|senha|пароль|passwort|mot de passe)\s*\|/i;
const SEPARATOR = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/;

interface Cell {
  text: string;
  /** Offset of the trimmed text in the fragment. */
  at: number;
}

/** The cells of a table row that starts at `offset` (leading and trailing pipes optional). */
function cells(line: string, offset: number): Cell[] | undefined {
  if (!line.includes('|')) return undefined;
  const out: Cell[] = [];
  let from = 0;
  const parts = line.split('|');
  for (const part of parts) {
    const lead = part.length - part.trimStart().length;
    out.push({ text: part.trim().replace(/^`(.*)`$/, '$1'), at: offset + from + lead + (part.trim().startsWith('`') && part.trim().endsWith('`') ? 1 : 0) });
    from += part.length + 1;
  }
  // Drop the empty cells outside a leading and a trailing pipe.
  if (line.trimStart().startsWith('|')) out.shift();
  if (line.trimEnd().endsWith('|')) out.pop();
  return out;
}

function detectTables(fragment: Fragment): Match[] {
  const { text } = fragment;
  if (!TRIGGER.test(text)) return [];
  const lines = text.split('\n');
  const starts: number[] = [];
  let offset = 0;
  for (const l of lines) {
    starts.push(offset);
    offset += l.length + 1;
  }
  const found: Match[] = [];
  for (let i = 0; i + 2 < lines.length; i++) {
    if (!TRIGGER.test(lines[i]) || !SEPARATOR.test(lines[i + 1])) continue;
    const header = cells(lines[i], starts[i]) ?? [];
    const pw = header.findIndex((c) => PASSWORD_HEADER.test(c.text));
    const user = header.findIndex((c) => USER_HEADER.test(c.text));
    if (pw < 0 || user < 0) continue;
    for (let r = i + 2; r < lines.length && lines[r].includes('|') && !SEPARATOR.test(lines[r]); r++) {
      const row = cells(lines[r], starts[r]);
      const cell = row?.[pw];
      if (!row || !cell || /\s/.test(cell.text)) continue;
      const start = cell.at;
      const end = start + cell.text.length;
      if (cell.text.toLowerCase() === row[user]?.text.toLowerCase()) continue;
      if (!passwordLiteral(cell.text, { fragment, start })) continue;
      const from = fragment.toFileLine(start);
      const to = fragment.toFileLine(end);
      found.push({
        ruleId: LOGIN_TABLE_RULE_ID, secret: cell.text, start, end,
        line: from.line, column: from.column, endLine: to.line, endColumn: to.column,
        confidence: 'medium',
        derived: deriveFacts(LOGIN_TABLE_RULE_ID, cell.text),
        facts: { credentialName: header[pw].text },
      });
    }
  }
  return found;
}

export const loginTableDetector: StructuredDetector = {
  name: 'login-table',
  ruleIds: [LOGIN_TABLE_RULE_ID],
  generic: true,
  applies: (fragment) => fragment.contentKind !== 'notebook-output' && !fragment.place?.encoding,
  // No header row without a `|`; the header test itself on a file of ASCII bytes (its own text).
  mayFind: (bytes) => bytes.includes(0x7c) && (!isAscii(bytes) || TRIGGER.test(bytes.toString('latin1'))),
  detect: detectTables,
};
