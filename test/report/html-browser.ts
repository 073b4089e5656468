// Drives a real headless Chromium over the DevTools protocol for the HTML report test. The
// protocol runs over --remote-debugging-pipe (file descriptors 3 and 4, NUL-separated JSON), so no
// WebSocket client and no port are needed. Collects console messages, uncaught exceptions, log
// entries (CSP violations, failed loads) and every network request the page makes.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';


interface Message {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { message: string };
  sessionId?: string;
}

export interface PageEvents {
  /** console.error / console.warn calls and uncaught exceptions. */
  consoleErrors: string[];
  /** Log.entryAdded entries at level error or warning (CSP violations, failed resource loads). */
  logErrors: string[];
  /** URLs of every request after the report itself. */
  requests: string[];
}

export class Browser {
  private nextId = 0;
  private buffer = Buffer.alloc(0);
  private readonly waiting = new Map<number, (m: Message) => void>();
  private readonly listeners: Array<(m: Message) => void> = [];

  private constructor(private readonly child: ChildProcess, private readonly profile: string) {
    (child.stdio[4] as Readable).on('data', (chunk: Buffer) => this.receive(chunk));
  }

  /** Starts the Chromium at `executable` (see realComponent in test/helpers/real-component.ts). */
  static launch(executable: string): Browser {
    const profile = mkdtempSync(join(tmpdir(), 'keysprawl-chromium-'));
    const args = [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-extensions', '--hide-scrollbars', '--mute-audio',
      `--user-data-dir=${profile}`, '--remote-debugging-pipe', 'about:blank',
    ];
    const child = spawn(executable, args, { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
    return new Browser(child, profile);
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    let at: number;
    while ((at = this.buffer.indexOf(0)) !== -1) {
      const msg = JSON.parse(this.buffer.subarray(0, at).toString('utf8')) as Message;
      this.buffer = this.buffer.subarray(at + 1);
      if (msg.id !== undefined && this.waiting.has(msg.id)) {
        this.waiting.get(msg.id)!(msg);
        this.waiting.delete(msg.id);
      } else for (const l of this.listeners) l(msg);
    }
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    const id = ++this.nextId;
    const msg = { id, method, params, ...(sessionId ? { sessionId } : {}) };
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (m) => (m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result ?? {})));
      (this.child.stdio[3] as Writable).write(`${JSON.stringify(msg)}\0`);
    });
  }

  /** Open `url` in a new tab and wait for its load event; events are collected from the start. */
  async open(url: string): Promise<Page> {
    const { targetId } = (await this.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
    const { sessionId } = (await this.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
    const events: PageEvents = { consoleErrors: [], logErrors: [], requests: [] };
    let loaded!: () => void;
    const load = new Promise<void>((r) => (loaded = r));
    this.listeners.push((m) => {
      if (m.sessionId !== sessionId) return;
      const p = m.params ?? {};
      if (m.method === 'Runtime.consoleAPICalled' && ['error', 'warning', 'assert'].includes(p.type as string)) {
        events.consoleErrors.push(JSON.stringify(p.args));
      }
      if (m.method === 'Runtime.exceptionThrown') events.consoleErrors.push(JSON.stringify(p.exceptionDetails));
      const entry = p.entry as { level?: string; text?: string; url?: string } | undefined;
      if (m.method === 'Log.entryAdded' && (entry?.level === 'error' || entry?.level === 'warning')) events.logErrors.push(`${entry.text} ${entry.url ?? ''}`);
      if (m.method === 'Network.requestWillBeSent') events.requests.push((p.request as { url: string }).url);
      if (m.method === 'Page.loadEventFired') loaded();
    });
    for (const domain of ['Runtime', 'Log', 'Network', 'Page']) await this.send(`${domain}.enable`, {}, sessionId);
    await this.send('Emulation.setDeviceMetricsOverride', { width: 1280, height: 900, deviceScaleFactor: 1, mobile: false }, sessionId);
    await this.send('Page.navigate', { url }, sessionId);
    await load;
    return new Page(this, sessionId, events);
  }

  async close(): Promise<void> {
    const exited = new Promise((r) => this.child.once('exit', r));
    await this.send('Browser.close').catch(() => undefined);
    await exited;
    rmSync(this.profile, { recursive: true, force: true });
  }
}

export class Page {
  constructor(private readonly browser: Browser, private readonly sessionId: string, readonly events: PageEvents) {}

  /** Evaluate an expression in the page and return its JSON value. */
  async evaluate<T>(expression: string): Promise<T> {
    const r = (await this.browser.send('Runtime.evaluate', { expression, returnByValue: true }, this.sessionId)) as {
      result: { value: T };
      exceptionDetails?: unknown;
    };
    if (r.exceptionDetails) throw new Error(`evaluate failed: ${JSON.stringify(r.exceptionDetails)}`);
    return r.result.value;
  }

  /** A PNG of the whole page. */
  async screenshot(): Promise<Buffer> {
    const r = (await this.browser.send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true }, this.sessionId)) as { data: string };
    return Buffer.from(r.data, 'base64');
  }
}
