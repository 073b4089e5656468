// The start of every keysprawl HTML page (the report and the history page): a Content-Security-
// Policy that forbids scripts and remote loads, no referrer, and the inlined stylesheet.
import { HTML_STYLE } from './html-style.js';

export const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** The start of every keysprawl HTML page up to </head>: no script, no remote loads, no referrer. `title` is plain text the caller made safe. */
export function htmlHead(title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style>${HTML_STYLE}</style>
</head>`;
}
