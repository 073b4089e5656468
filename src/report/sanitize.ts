// Terminal safety for every text renderer (the text report, explain, sweep and history text):
// untrusted text (paths, snippets, warnings, repository names) never reaches a terminal raw.

/**
 * Make untrusted text (paths, snippets, warnings) safe for a terminal: C0/C1 control characters
 * and bidi overrides are shown as escapes, so a file name cannot move the cursor or recolour
 * the report.
 */
export function sanitize(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
