// A JSON parser that keeps where every value sits in the raw text, so a string's decoded
// characters map back to exact file columns (JSON.parse loses that). It tolerates what
// hand-edited configs contain (// and /* */ comments, trailing commas: VS Code's mcp.json,
// OAI_CONFIG_LIST samples), decodes strings only on demand (a notebook's base64 images are
// never decoded), and caps nesting so hostile input cannot exhaust the stack.
import { OffsetMap } from './offset-map.js';

interface Span {
  /** Raw offset of the first character (a string's opening quote). */
  start: number;
  /** Raw offset just past the last character. */
  end: number;
}
export interface JsonString extends Span {
  type: 'string';
}
export interface JsonLiteral extends Span {
  type: 'literal';
}
export interface JsonEntry {
  key: string;
  keyNode: JsonString;
  value: JsonNode;
}
export interface JsonObject extends Span {
  type: 'object';
  entries: JsonEntry[];
}
export interface JsonArray extends Span {
  type: 'array';
  items: JsonNode[];
}
export type JsonNode = JsonObject | JsonArray | JsonString | JsonLiteral;

export class JsonSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

const MAX_DEPTH = 256;
const LITERAL = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)$/;

class Parser {
  pos = 0;
  constructor(readonly src: string) {}

  fail(what: string): never {
    const found = this.pos >= this.src.length ? 'end of input' : JSON.stringify(this.src[this.pos]);
    throw new JsonSyntaxError(`expected ${what}, found ${found}`, this.pos);
  }

  /** Skip whitespace and comments. */
  skip(): void {
    const s = this.src;
    for (;;) {
      const c = s.charCodeAt(this.pos);
      if (c === 32 || c === 10 || c === 13 || c === 9) this.pos++;
      else if (c === 47 && s[this.pos + 1] === '/') {
        const nl = s.indexOf('\n', this.pos);
        this.pos = nl === -1 ? s.length : nl + 1;
      } else if (c === 47 && s[this.pos + 1] === '*') {
        const close = s.indexOf('*/', this.pos + 2);
        if (close === -1) this.fail('"*/" closing the comment');
        this.pos = close + 2;
      } else return;
    }
  }

  value(depth: number): JsonNode {
    if (depth > MAX_DEPTH) throw new JsonSyntaxError(`nesting deeper than ${MAX_DEPTH} levels`, this.pos);
    this.skip();
    const c = this.src[this.pos];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string();
    return this.literal();
  }

  string(): JsonString {
    const s = this.src;
    const start = this.pos;
    let i = start + 1;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 34) break; // closing quote
      if (Number.isNaN(c)) {
        this.pos = s.length;
        this.fail('a closing quote for the string');
      }
      i += c === 92 ? 2 : 1; // a backslash escapes the next character
    }
    this.pos = i + 1;
    return { type: 'string', start, end: i + 1 };
  }

  literal(): JsonLiteral {
    const start = this.pos;
    let i = start;
    while (i < this.src.length && /[A-Za-z0-9.+-]/.test(this.src[i])) i++;
    if (i === start || !LITERAL.test(this.src.slice(start, i))) this.fail('a JSON value');
    this.pos = i;
    return { type: 'literal', start, end: i };
  }

  /** After an item: a comma (a trailing one before the closer is tolerated) or the closer. */
  separator(close: string): boolean {
    this.skip();
    if (this.src[this.pos] === ',') {
      this.pos++;
      this.skip();
      return this.src[this.pos] !== close;
    }
    if (this.src[this.pos] !== close) this.fail(`"," or "${close}"`);
    return false;
  }

  object(depth: number): JsonObject {
    const start = this.pos++;
    const entries: JsonEntry[] = [];
    this.skip();
    if (this.src[this.pos] !== '}') {
      do {
        this.skip();
        if (this.src[this.pos] !== '"') this.fail('a quoted key');
        const keyNode = this.string();
        this.skip();
        if (this.src[this.pos] !== ':') this.fail('":"');
        this.pos++;
        const value = this.value(depth + 1);
        entries.push({ key: decodeString(this.src, keyNode).value, keyNode, value });
      } while (this.separator('}'));
    }
    this.pos++;
    return { type: 'object', start, end: this.pos, entries };
  }

  array(depth: number): JsonArray {
    const start = this.pos++;
    const items: JsonNode[] = [];
    this.skip();
    if (this.src[this.pos] !== ']') {
      do items.push(this.value(depth + 1));
      while (this.separator(']'));
    }
    this.pos++;
    return { type: 'array', start, end: this.pos, items };
  }
}

/** Parse a whole document. Throws JsonSyntaxError (with the raw offset) on bad input. */
export function parseJson(src: string): JsonNode {
  const p = new Parser(src);
  const root = p.value(0);
  p.skip();
  if (p.pos < src.length) p.fail('end of input');
  return root;
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\', '/': '/' };

/** Decode a string node; `map` takes each decoded offset to its raw offset (escapes included). */
export function decodeString(src: string, node: JsonString): { value: string; map: OffsetMap } {
  const map = new OffsetMap();
  const last = node.end - 1; // the closing quote
  let out = '';
  let i = node.start + 1;
  while (i < last) {
    const bs = src.indexOf('\\', i);
    const runEnd = bs === -1 || bs > last ? last : bs;
    if (runEnd > i) {
      map.mark(out.length, i);
      out += src.slice(i, runEnd);
      i = runEnd;
      continue;
    }
    map.mark(out.length, i);
    const e = src[i + 1];
    if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(src.slice(i + 2, i + 6))) {
      out += String.fromCharCode(parseInt(src.slice(i + 2, i + 6), 16));
      i += 6;
    } else {
      out += SIMPLE_ESCAPES[e] ?? e;
      i += 2;
    }
  }
  map.mark(out.length, last);
  return { value: out, map };
}

/** The entry for `key` in an object (the last one wins, as in JSON.parse). */
export function member(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (node?.type !== 'object') return undefined;
  for (let i = node.entries.length - 1; i >= 0; i--) if (node.entries[i].key === key) return node.entries[i].value;
  return undefined;
}

/** A string member's decoded value, or undefined. */
export function stringMember(src: string, node: JsonNode | undefined, key: string): string | undefined {
  const v = member(node, key);
  return v?.type === 'string' ? decodeString(src, v).value : undefined;
}
