#!/usr/bin/env bash
# keysprawl as a CI gate, for any CI system (the GitHub Action runs this script too).
#
# A pull/merge request scans only the lines it adds; any other build scans the whole tree.
# Writes a SARIF report, prints the text report to the log, and exits like keysprawl:
# 0 nothing fails the gate, 1 a finding fails it, 2 usage/repository error. The gate is keysprawl's
# own default (any secret of medium or high confidence, whatever its score; CI posture advice
# never) unless KEYSPRAWL_FAIL_ON names a severity.
#
# Settings (environment variables):
#   KEYSPRAWL_BASE     base commit or branch of the pull request (empty: scan the whole tree)
#   KEYSPRAWL_FAIL_ON  critical | high | medium | low | none      (default: empty, keysprawl's default gate)
#   KEYSPRAWL_SARIF    where to write the SARIF report               (default: keysprawl.sarif)
#   KEYSPRAWL_PATH     the repository to scan                        (default: .)
#   KEYSPRAWL_ARGS     extra arguments for `keysprawl scan`, word-split (e.g. "--baseline .keysprawl-baseline.json")
#   KEYSPRAWL_JS       run `node $KEYSPRAWL_JS` (a checkout's bin/keysprawl.js) instead of ...
#   KEYSPRAWL          ... this command (default: keysprawl, i.e. one on PATH)
#
# From the repository itself (no npm registry needed for keysprawl):
#   git clone --depth 1 --branch v0.1.0 https://github.com/keysprawl/keysprawl.git /tmp/keysprawl
#   (cd /tmp/keysprawl && npm ci)        # builds dist/
#   KEYSPRAWL_JS=/tmp/keysprawl/bin/keysprawl.js bash /tmp/keysprawl/examples/ci/keysprawl-ci.sh
set -uo pipefail

base="${KEYSPRAWL_BASE:-}"
fail_on="${KEYSPRAWL_FAIL_ON:-}"
sarif="${KEYSPRAWL_SARIF:-keysprawl.sarif}"
path="${KEYSPRAWL_PATH:-.}"
read -r -a extra <<< "${KEYSPRAWL_ARGS:-}"
if [ -n "${KEYSPRAWL_JS:-}" ]; then
  cli=(node "$KEYSPRAWL_JS")
else
  read -r -a cli <<< "${KEYSPRAWL:-keysprawl}"
fi

say() { echo "keysprawl-ci: $*" >&2; }

mode=()
if [ -n "$base" ]; then
  # CI clones are often shallow (actions/checkout: depth 1): fetch the base commit if missing.
  if ! git -C "$path" cat-file -e "${base}^{commit}" 2>/dev/null; then
    ref="$base"
    case "$base" in origin/*) ref="${base#origin/}:refs/remotes/${base}" ;; esac
    git -C "$path" fetch --quiet --no-tags --depth=1 origin "$ref" || say "could not fetch $base from origin"
  fi
  if git -C "$path" merge-base "$base" HEAD >/dev/null 2>&1; then
    # The lines the branch adds since it forked (what the pull request shows).
    mode=(--diff "${base}...HEAD")
  else
    # No common history in a shallow clone: compare the two commits directly. Exact for
    # GitHub's pull_request checkout (a merge commit on top of the base); fetch more
    # history (fetch-depth: 0) when HEAD is the branch tip itself.
    say "no merge base with $base in this clone; comparing $base..HEAD directly"
    mode=(--diff "${base}..HEAD")
  fi
  say "scanning the lines added since $base"
else
  say "scanning the whole tree"
fi

# ${a[@]+"${a[@]}"}: an empty array under `set -u` on bash 3 (macOS) too.
gate=()
[ -n "$fail_on" ] && gate=(--fail-on "$fail_on")
"${cli[@]}" scan "$path" ${mode[@]+"${mode[@]}"} ${gate[@]+"${gate[@]}"} -f sarif -o "$sarif" -f text ${extra[@]+"${extra[@]}"}
status=$?
case "$status" in
  0) say "nothing fails the gate (${fail_on:-default}); SARIF written to $sarif" ;;
  1) say "findings fail the gate (${fail_on:-default}, see above); SARIF written to $sarif" ;;
  *) say "keysprawl could not run (exit $status)" ;;
esac
exit "$status"
