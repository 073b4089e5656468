// Fake keys in each verifiable provider's format, generated per seed (never committed), and a
// tree of files holding them as a user's repository would.
import { expandFakes } from '../../src/rules/fake.js';

export const KEY_TEMPLATES: Record<string, string> = {
  openai: 'sk-proj-<<b62:40>>T3BlbkFJ<<b62:40>>',
  anthropic: 'sk-ant-api03-<<b64url:93>>AA',
  github: '<<github:ghp_>>',
  huggingface: 'hf_<<alpha:34>>',
  slack: 'xoxb-<<digits:12>>-<<digits:13>>-<<b62:24>>',
  stripe: 'sk_live_<<b62:24>>',
};

export const ENV_NAMES: Record<string, string> = {
  openai: 'OPENAI_API_KEY',
  anthropic: 'ANTHROPIC_API_KEY',
  github: 'GITHUB_TOKEN',
  huggingface: 'HF_TOKEN',
  slack: 'SLACK_BOT_TOKEN',
  stripe: 'STRIPE_SECRET_KEY',
};

export function fakeKey(provider: string, seed: number): string {
  return expandFakes(KEY_TEMPLATES[provider], seed);
}

export interface AwsPair {
  id: string;
  secret: string;
}

export function fakeAws(seed: number, prefix = 'AKIA'): AwsPair {
  return { id: `${prefix}${expandFakes('<<b32:16>>', seed)}`, secret: expandFakes('<<b64:40>>', seed + 1000) };
}

/** An .env-style file: the key id sits on the line above its secret, as pairing expects. */
export function awsEnv(pair: AwsPair): string {
  return `AWS_ACCESS_KEY_ID=${pair.id}\nAWS_SECRET_ACCESS_KEY=${pair.secret}\n`;
}
