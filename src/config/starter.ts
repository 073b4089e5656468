// The commented starter config `keysprawl init` writes. Every key is present, commented out,
// with what it does, so the file doubles as the reference a user reads first. A test loads it.
export const STARTER_CONFIG = `# keysprawl configuration (docs/config.md has every key).
# Unknown keys are errors, so a typo is reported rather than silently ignored.
version: 1

# With builtin, your rules below add to the built-in packs (a rule with a built-in id replaces
# it); with none, only the rules below run.
extends: builtin

# Rules that never fire here, by id (keysprawl rules list shows the ids).
# disable:
#   - generic-high-entropy-string

# Your own rules: the same schema as the built-in rules/*.yaml. The examples are required and
# checked when this file loads: a rule that misses a positive or hits a negative is rejected.
# Write example keys as fake templates (<<b62:32>> is 32 random letters and digits) so no
# real-looking key is ever committed.
# rules:
#   - id: acme-internal-token
#     name: ACME internal API token
#     provider: acme
#     category: generic
#     keywords: [acme_]
#     regex: '\\b(acme_[A-Za-z0-9]{32})\\b'
#     secretGroup: 1
#     privilege: write
#     scope: project
#     remediation: Request a short-lived token from the ACME token broker instead.
#     examples:
#       positive: ['ACME_TOKEN = "acme_<<b62:32>>"']
#       negative: ['acme_short']

# Findings to drop as noise (not suppressed: dropped). Prefer an inline
# "keysprawl:allow reason=..." comment or the baseline for real keys you accept.
# allowlist:
#   paths:                 # gitignore-style globs, relative to the scan root
#     - vendor/
#     - "**/*.snap"
#   values:                # regular expressions tested against the secret value
#     - ^sk-test-
#   stopwords:             # a value containing one of these (any case) is dropped
#     - notasecret

# Content kinds for paths keysprawl cannot classify by name (first match wins).
# The kinds are code, notebook-cell, notebook-output, ci-config, prompt, agent-config,
# env-file, doc, test and other.
# kinds:
#   - paths: ["agents/**/*.yaml"]
#     kind: agent-config
#   - paths: ["ops/pipelines/"]
#     kind: ci-config

# Blast-radius weight overrides (any subset of the weights table).
# weights:
#   exposure:
#     test: 0
#   privilege:
#     admin: 35

# The CI gate when --fail-on is not given: critical, high, medium, low or none.
# fail-on: high

# Reports when neither --format nor --output is given (outputs are relative to this file).
# The i-th output goes with the i-th format; a format without an output goes to stdout.
# format: [sarif, text]
# output: [keysprawl.sarif]

# The baseline every scan uses when --baseline is not given (relative to this file).
# baseline: .keysprawl-baseline.json
`;
