// What to give each AI client (or credential tool) instead of a literal key, by the client whose
// file held it (`scan --agents`): the client's own secret reference or input feature where one
// exists, else the OS keychain through a wrapper, else OAuth. Sources are in docs/agents.md.
import type { CorrelatedSecret } from '../contracts/secret.js';

export const CLIENT_REMEDIATION: Record<string, string> = {
  'claude-desktop':
    'Claude Desktop passes `env` as written: keep the key in the OS keychain and start the server through a small wrapper that reads it (`security find-generic-password -w` on macOS, Credential Manager on Windows), or use a remote server with OAuth',
  'claude-code':
    'Claude Code expands `${VAR}` and `${VAR:-default}` in `.mcp.json` and `~/.claude.json` (command, args, env, url, headers): write `"${GITHUB_TOKEN}"` instead of the value and export the variable from your keychain or secret manager; remote servers can sign in with OAuth through `/mcp`',
  cursor:
    'Cursor interpolates `${env:NAME}` in mcp.json (and reads an `envFile`): reference the variable instead of the value, and load it from your keychain or secret manager',
  vscode:
    'VS Code: declare an `inputs` entry with `"type": "promptString", "password": true` and write `${input:<id>}` in the server config: VS Code asks once and keeps the value in its secret storage (or use `envFile`)',
  windsurf: 'Windsurf interpolates `${env:NAME}` in mcp_config.json: reference an environment variable loaded from your keychain instead of the value',
  cline:
    'Cline passes `env` as written: launch the server through a wrapper that reads the key from the OS keychain, or use a remote server with OAuth',
  continue: 'Continue: reference `${{ secrets.NAME }}` in config.yaml (read from a local .env kept out of the repository or from Continue Hub secrets) instead of the value',
  zed: 'Zed passes `env` as written: use a remote server with OAuth (Zed signs in for you), or launch the server through a wrapper that reads the OS keychain',
  codex:
    'Codex: pass variables through with `env_vars = ["NAME"]` and give remote servers `bearer_token_env_var` instead of a literal token; sign in with `codex login` rather than storing an API key in auth.json',
  'gemini-cli':
    'Gemini CLI expands `$VAR` and `${VAR}` in settings.json: reference an environment variable loaded from your keychain instead of the value, and keep ~/.gemini/.env out of shared folders',
  aws: 'AWS CLI: replace static keys in ~/.aws/credentials with IAM Identity Center (`aws configure sso`) or a `credential_process` backed by the OS keychain (aws-vault)',
  gh: 'GitHub CLI stores its token in the OS keychain unless told not to: `gh auth logout` then `gh auth login` without `--insecure-storage` (hosts.yml should then hold no token)',
  npm: 'npm: reference `${NPM_TOKEN}` in .npmrc instead of the value, use short-lived granular tokens, and publish from CI with trusted publishing (OIDC)',
  netrc: 'Use a git credential helper backed by the OS keychain (osxkeychain, manager, libsecret) instead of passwords in .netrc',
  docker: 'Docker: set `credsStore` (osxkeychain, wincred, pass, secretservice) in ~/.docker/config.json so `docker login` stops writing a base64 `auth` value',
  kubectl: 'kubectl: use an exec credential plugin (aws eks get-token, gke-gcloud-auth-plugin, kubelogin) instead of a static token or client key in the kubeconfig',
  shell: 'Shell history: delete the line (`history -d N`, or edit the history file), and pass keys through the environment from a secret manager (`op run`, `aws-vault exec`) rather than on the command line',
};

/** One line per client whose files held the key, in the order first seen. */
export function clientRemediationLines(secret: CorrelatedSecret): string[] {
  const clients = [...new Set(secret.occurrences.map((o) => o.origin.agent?.client).filter((c): c is string => !!c))];
  return clients.map((c) => CLIENT_REMEDIATION[c]).filter((l): l is string => !!l).map((l) => `${l}.`);
}
