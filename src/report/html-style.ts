// The HTML report's stylesheet, inlined into the page: the report is one file that opens from
// disk, an artifact store or a mail attachment with no network at all.
export const SEVERITY_COLORS: Readonly<Record<string, string>> = {
  critical: '#b71c1c',
  high: '#e65100',
  medium: '#b88700',
  low: '#546e7a',
};

export const HTML_STYLE = `
:root { color-scheme: light; --fg: #1d232a; --muted: #5c6670; --line: #d9dee3; --bg: #f6f8fa; --card: #fff; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header { padding: 20px 32px 12px; background: #14212b; color: #fff; }
header h1 { margin: 0 0 4px; font-size: 22px; }
header p { margin: 0; color: #c3ccd4; font-size: 13px; }
main { padding: 16px 32px 40px; max-width: 1400px; }
section { margin: 22px 0; }
h2 { font-size: 17px; margin: 0 0 10px; }
h3 { font-size: 15px; margin: 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 12px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; }
.card .value { display: block; font-size: 26px; font-weight: 650; }
.card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
.card.alert .value { color: #b71c1c; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(380px, 1fr)); gap: 16px; }
.panel { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; overflow-x: auto; }
svg.chart { display: block; max-width: 100%; height: auto; }
svg.chart text { font: 12px system-ui, sans-serif; fill: var(--fg); }
table { border-collapse: collapse; width: 100%; background: var(--card); }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.badge { display: inline-block; padding: 1px 7px; border-radius: 10px; color: #fff; font-size: 11px; font-weight: 600; text-transform: uppercase; }
.sev-critical { background: ${SEVERITY_COLORS.critical}; }
.sev-high { background: ${SEVERITY_COLORS.high}; }
.sev-medium { background: ${SEVERITY_COLORS.medium}; }
.sev-low { background: ${SEVERITY_COLORS.low}; }
.status-failed { color: #b71c1c; font-weight: 600; }
.status-ok { color: #2e7d32; }
.muted { color: var(--muted); }
.empty { color: var(--muted); font-style: italic; }
ul.where { margin: 0; padding-left: 16px; }
article.finding { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; margin: 10px 0; }
article.finding header { all: unset; display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; }
.score { font-weight: 700; font-variant-numeric: tabular-nums; }
.factors td.points { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.factors .pos { color: #b71c1c; }
.factors .neg { color: #2e7d32; }
.observed { font-size: 0.75em; padding: 0 0.3em; border: 1px solid #1565c0; border-radius: 3px; color: #1565c0; }
.verification[data-verdict="live"] { color: #b71c1c; }
.remediation { margin: 6px 0 0; padding-left: 18px; }
details > summary { cursor: pointer; color: var(--muted); margin-top: 6px; }
footer { color: var(--muted); font-size: 12px; padding: 0 32px 24px; }
`;
