// A rule's maxScore keeps published test-mode keys low, however far they spread.
import { afterEach, describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';
import { makeTree, type Tree } from '../helpers/tree.js';

let tree: Tree | undefined;
afterEach(() => tree?.cleanup());

describe('maxScore', () => {
  it('caps a Stripe test key found in four kinds of files at low, with a cap factor', async () => {
    const key = 'sk_test_<<b62:24>>';
    tree = makeTree({ 'a.env': `STRIPE_KEY=${key}\n` });
    const value = tree.files['a.env'].split('=')[1].trim();
    tree.cleanup();
    tree = makeTree({
      '.env': `STRIPE_KEY=${value}\n`,
      'app/pay.py': `stripe.api_key = "${value}"\n`,
      '.github/workflows/ci.yml': `env:\n  STRIPE_KEY: ${value}\n`,
      '.mcp.json': `{"mcpServers": {"stripe": {"env": {"STRIPE_SECRET_KEY": "${value}"}}}}\n`,
    });
    const result = await scan({ paths: [tree.dir], threads: 1 });
    const stripe = result.secrets.find((s) => s.ruleId === 'stripe-test-secret-key');
    expect(stripe?.occurrences.length).toBe(4);
    expect(stripe?.severity).toBe('low');
    expect(stripe?.score).toBe(39);
    expect(stripe?.factors.find((f) => f.factor === 'cap')?.reason).toMatch(/test-mode key/);
  });
});
