// Writing the reports of one run: every planned format rendered from the same result (the
// renderers are src/report/registry.ts), files replaced atomically and private (0600) when the
// result holds unredacted values, at most one report on standard output, colour only there.
import { render } from '../report/index.js';
import type { ReportResult } from '../report/json.js';
import type { RenderOptions } from '../report/registry.js';
import type { Io } from './io.js';
import type { OutputPlan } from './outputs.js';
import { writeFileAtomic } from './write-file.js';

/** `opts.color` is for standard output; a file never gets ANSI colour. */
export async function writeReports(result: ReportResult, plans: readonly OutputPlan[], io: Pick<Io, 'stdout'>, opts: RenderOptions): Promise<void> {
  for (const plan of plans) {
    const text = render(plan.format, result, { ...opts, color: plan.file ? false : opts.color });
    if (plan.file) await writeFileAtomic(plan.file, text, { private: !result.redacted });
    else io.stdout.write(text);
  }
}
