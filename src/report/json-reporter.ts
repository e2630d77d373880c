/** `run.json`: the scenario echoed, the seed, the version and every figure. No timestamps: same input, same bytes. */
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import { jsonSafe } from './number-format.js';
import type { ReportInput, Reporter } from './report-input.js';

export const jsonReporter: Reporter = {
  name: 'json',
  async write(input, outDir) {
    const path = join(outDir, 'run.json');
    await writeFileAtomic(path, `${toRunJson(input)}\n`);
    return [path];
  },
};

export function toRunJson(input: ReportInput): string {
  return JSON.stringify(
    jsonSafe({
      tool: input.tool,
      scenario: input.scenario,
      seed: input.seed,
      summary: input.summary,
      usage: input.usage,
      cost: input.cost,
    }),
    null,
    2,
  );
}
