import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { chartFiles, cliEnv, expectedCharts, expectedEntries, expectQuietStderr, folderBytes, ROOT, runCli, tableWords } from './run-cli.js';

const SMALL = `
name: small
seed: 3
duration: 20s
load: { rate: 200/s }
clients: { timeout: 2s }
api:
  type: rest
  throttle: { stage: { rate: 150/s, burst: 50 } }
integration:
  type: lambda
  memory: 256MB
  duration: { p50: 40ms, p99: 200ms }
  concurrency: { reserved: 20 }
`;

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'apigw-sim-cli-'));
  writeFileSync(join(work, 'small.yaml'), SMALL);
});

function scenarioFile(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

describe('apigw-sim run', () => {
  it('runs a good scenario, prints the summary and the monthly cost, and writes the four files', () => {
    const out = join(work, 'out-good');
    const r = runCli(['run', join(work, 'small.yaml'), '--out', out], { charts: true });
    expectQuietStderr(r.stderr);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('p99');
    expect(r.stdout).toContain('429 stage'); // 200/s offered against a 150/s stage bucket
    // the cost table's heading cell wraps inside its column (100 columns): read the table as words
    const words = tableWords(r.stdout);
    expect(words).toContain('monthly cost, REST API (us-east-1,');
    expect(words).toMatch(/prices of \d{4}-\d{2}-\d{2}\)/);
    expect(readdirSync(out).sort()).toEqual(expectedEntries(['.apigw-sim', 'charts', 'cost.csv', 'report.html', 'run.json', 'summary.csv', 'timeseries.csv']));
    expect(chartFiles(out)).toEqual(expectedCharts(['cost.png', 'lambda.png', 'latency-cdf.png', 'latency.png', 'load.png', 'outcomes.png', 'stages.png']));
    const series = readFileSync(join(out, 'timeseries.csv'), 'utf8').trim().split('\n');
    expect(series).toHaveLength(1 + 20); // header + one row per second
  });

  it('without node-canvas writes everything but the PNGs, and says how to enable them', () => {
    const out = join(work, 'out-no-canvas');
    const r = runCli(['run', join(work, 'small.yaml'), '--out', out], { env: { APIGW_SIM_NO_CANVAS: '1' } });
    expect(r.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['.apigw-sim', 'cost.csv', 'report.html', 'run.json', 'summary.csv', 'timeseries.csv']);
    expect(r.stderr).toContain('note: no PNG charts');
    expect(r.stderr).toContain('apt-get install');
  });

  it('writes byte-identical files for the same scenario and seed, from the bundle or the modules it is built from', () => {
    const a = join(work, 'det-a');
    const b = join(work, 'det-b');
    expect(runCli(['run', join(work, 'small.yaml'), '--out', a, '--quiet']).status).toBe(0);
    // bin/apigw-sim.js loads dist/cli/apigw-sim.bundle.cjs; without it, dist/cli/main.js and its modules.
    // report.html inlines its chart plugins' source text, so both must be written by one transpiler
    const modules = spawnSync(process.execPath, ['--input-type=module', '-e', `process.exitCode = await (await import(${JSON.stringify(join(ROOT, 'dist/cli/main.js'))})).main([process.argv[0], 'apigw-sim', ...process.argv.slice(1)])`, '--', 'run', join(work, 'small.yaml'), '--out', b, '--quiet'], { cwd: ROOT, encoding: 'utf8', env: cliEnv() });
    expect(modules.stderr).toBe('');
    expect(modules.status).toBe(0);
    const [fromBundle, fromModules] = [folderBytes(a), folderBytes(b)];
    expect(Object.keys(fromModules).sort()).toEqual(Object.keys(fromBundle).sort());
    for (const file of Object.keys(fromBundle)) expect(fromModules[file] === fromBundle[file], `${file}: the same bytes`).toBe(true);
  });

  it('gives different figures for a different --seed', () => {
    const a = join(work, 'seed-a');
    const b = join(work, 'seed-b');
    runCli(['run', join(work, 'small.yaml'), '--out', a, '--quiet', '--seed', '1']);
    runCli(['run', join(work, 'small.yaml'), '--out', b, '--quiet', '--seed', '2']);
    expect(readFileSync(join(a, 'summary.csv'), 'utf8')).not.toEqual(readFileSync(join(b, 'summary.csv'), 'utf8'));
  });

  it('prints only JSON on stdout with --json', () => {
    const r = runCli(['run', join(work, 'small.yaml'), '--out', join(work, 'out-json'), '--json']);
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.requests.offered).toBeGreaterThan(0);
    expect(summary.attempts.outcomes['2xx']).toBeGreaterThan(0);
  });

  it('runs a scenario that starts warm: no cold start while the warm environments last, the same bytes for the same seed', () => {
    const file = scenarioFile('warm.yaml', `${SMALL}  keepAlive: { constant: 10m }\ninitialState: { integration: { warm: 20 } }\n`);
    const [a, b] = [join(work, 'warm-a'), join(work, 'warm-b')];
    for (const out of [a, b]) expect(runCli(['run', file, '--out', out, '--quiet'])).toMatchObject({ status: 0, stderr: '' });
    const usage = JSON.parse(readFileSync(join(a, 'run.json'), 'utf8')).usage;
    expect(usage.lambda.invocations).toBeGreaterThan(1_000);
    expect(usage.lambda.coldStarts).toBe(0); // reserved 20, all of them warm
    for (const f of ['summary.csv', 'timeseries.csv', 'cost.csv', 'run.json']) expect(readFileSync(join(a, f))).toEqual(readFileSync(join(b, f)));
  });

  it('defaults the report folder to reports/<scenario name> under the working folder', () => {
    const r = runCli(['run', join(work, 'small.yaml'), '--quiet'], { cwd: work });
    expect(r.status).toBe(0);
    expect(existsSync(join(work, 'reports', 'small', 'run.json'))).toBe(true);
  });
});

describe('bad input: one clear error, exit 2, no stack trace, no report folder', () => {
  const expectCleanFailure = (args: string[], out: string) => {
    const r = runCli([...args, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack frames
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
    return r.stderr;
  };

  it('a number without a unit names the file, line, path and the unit to add', () => {
    const file = scenarioFile('no-unit.yaml', SMALL.replace('p99: 200ms', 'p99: 5'));
    const err = expectCleanFailure(['run', file], join(work, 'out-no-unit'));
    expect(err).toContain(`${file}:13: integration.duration.p99: 5 is not a duration`);
    expect(err).toContain('hint: add a unit, e.g. 5ms or 5s');
  });

  it('an unknown key is named with a did-you-mean suggestion', () => {
    const file = scenarioFile('typo.yaml', SMALL.replace('clients: { timeout: 2s }', 'clients: { timeuot: 2s }'));
    const err = expectCleanFailure(['run', file], join(work, 'out-typo'));
    expect(err).toContain(`${file}:6: clients.timeuot: unknown key "timeuot"`);
    expect(err).toContain('did you mean "timeout"?');
  });

  it('an initialState that does not fit the scenario names its line and says what fits', () => {
    const file = scenarioFile('too-warm.yaml', `${SMALL}initialState: { integration: { warm: 25 } }\n`);
    const err = expectCleanFailure(['run', file], join(work, 'out-too-warm'));
    expect(err).toContain(`${file}:15: initialState.integration.warm: makes 25 environments, above the function's reserved concurrency (20)`);
    expect(err).toContain('hint: provisioned and warm environments both count against reserved concurrency: give at most 20');
  });

  it('a missing file says so and points at the examples', () => {
    const err = expectCleanFailure(['run', join(work, 'nope.yaml')], join(work, 'out-missing'));
    expect(err).toContain('nope.yaml: no such file');
    expect(err).toContain('hint:');
  });

  it('broken YAML gives the line of the syntax error', () => {
    const file = scenarioFile('broken.yaml', 'name: x\nduration: [1s\n');
    const err = expectCleanFailure(['run', file], join(work, 'out-broken'));
    expect(err).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: `));
  });

  it('a bad --seed is a usage error', () => {
    const err = expectCleanFailure(['run', join(work, 'small.yaml'), '--seed', 'abc'], join(work, 'out-seed'));
    expect(err).toContain('--seed abc is not a seed');
  });
});

describe("output paths: refused before the run, exit 2, none of the user's files touched", () => {
  const expectRefused = (args: string[]) => {
    const r = runCli(args);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr).not.toContain('internal error');
    expect(r.stderr).toContain('hint:');
    return r.stderr;
  };

  it('--out naming a folder of other files is refused, and the files stay (it used to delete them)', () => {
    const mine = join(work, 'my-notes');
    mkdirSync(join(mine, 'sub'), { recursive: true });
    writeFileSync(join(mine, 'notes.txt'), 'precious');
    const err = expectRefused(['run', join(work, 'small.yaml'), '--out', mine]);
    expect(err).toContain(`error: ${mine} exists and holds files apigw-sim did not write (notes.txt, sub)`);
    expect(readFileSync(join(mine, 'notes.txt'), 'utf8')).toBe('precious');
    expect(readdirSync(mine).sort()).toEqual(['notes.txt', 'sub']);
  });

  it('--out naming a file, or the working folder, is refused; the next run replaces an earlier report', () => {
    const file = scenarioFile('keep.txt', 'keep');
    expect(expectRefused(['run', join(work, 'small.yaml'), '--out', file])).toContain('exists and is a file, not a report folder');
    expect(readFileSync(file, 'utf8')).toBe('keep');
    expect(expectRefused(['run', join(work, 'small.yaml'), '--out', '.'])).toContain('the working folder or one of its parents');
    const out = join(work, 'again');
    expect(runCli(['run', join(work, 'small.yaml'), '--quiet', '--out', out]).status).toBe(0);
    expect(runCli(['run', join(work, 'small.yaml'), '--quiet', '--out', out]).status).toBe(0);
  });

  it('a folder where a file is asked for, and a file where a folder is, say which path and why', () => {
    expect(expectRefused(['price', '--requests', '40M', '--csv', work])).toContain(`${work} is a folder`);
    expect(expectRefused(['report', join(work, 'small.yaml')])).toMatch(/cannot open .*small\.yaml\/run\.json: a part of the path is a file, not a folder/);
  });
});

describe('apigw-sim validate, schema, --version', () => {
  it('validate accepts every example scenario shipped in scenarios/', () => {
    const dir = join(ROOT, 'scenarios');
    const files = readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => /\.(ya?ml|json)$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    const r = runCli(['validate', ...files.map((f) => join('scenarios', f))]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // one ok line per file, in the order given
    expect(r.stdout.split('\n').filter((l) => l.includes(': ok (')).map((l) => l.slice(0, l.indexOf(': ok (')))).toEqual(files.map((f) => join('scenarios', f)));
    // --json: one document, an array of each file's
    const json = runCli(['validate', '--json', 'scenarios/rest-lambda-basic.yaml', 'scenarios/retry-storm.yaml']);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout).map((d: { file: string; ok: boolean }) => [d.file, d.ok])).toEqual([['scenarios/rest-lambda-basic.yaml', true], ['scenarios/retry-storm.yaml', true]]);
  });

  it('validate checks every file it is given, says why each bad one fails, and exits 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'apigw-sim-validate-'));
    writeFileSync(join(dir, 'typo.yaml'), readFileSync(join(ROOT, 'scenarios/rest-lambda-basic.yaml'), 'utf8').replace(/^duration:/m, 'duraton:'));
    const r = runCli(['validate', join(ROOT, 'scenarios/rest-lambda-basic.yaml'), join(dir, 'typo.yaml'), join(dir, 'missing.yaml'), join(ROOT, 'scenarios/retry-storm.yaml')]);
    expect(r.status).toBe(2);
    expect(r.stdout.split('\n').filter((l) => l.includes(': ok ('))).toHaveLength(2);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('error: '));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/typo\.yaml:\d+: /);
    expect(r.stderr).toMatch(/typo\.yaml:\d+: duraton: unknown key "duraton"\n  hint: did you mean "duration"\?/);
    expect(errors[1]).toMatch(/missing\.yaml: no such file/);
    expect(r.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
    // with --json and a bad file: stdout holds nothing, as on every command
    const json = runCli(['validate', '--json', join(ROOT, 'scenarios/rest-lambda-basic.yaml'), join(dir, 'typo.yaml')]);
    expect(json.status).toBe(2);
    expect(json.stdout).toBe('');
  });

  it('schema prints a JSON Schema that lists the top-level fields', () => {
    const r = runCli(['schema']);
    expect(r.status).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['name', 'duration', 'load', 'api', 'integration']));
  });

  it('--version prints the package version', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const r = runCli(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('an unknown command exits 2 with help pointer', () => {
    const r = runCli(['fly']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown command');
  });
});

describe('README', () => {
  it("shows the demo's terminal output exactly as `npm run demo` prints it", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const after = readme.slice(readme.indexOf('What the demo prints'));
    const shown = after.slice(after.indexOf('```text\n') + '```text\n'.length, after.indexOf('```', after.indexOf('```text\n') + 8));
    const r = runCli(['run', 'scenarios/rest-lambda-basic.yaml', '--out', join(work, 'readme-demo')]);
    expect(r.status).toBe(0);
    expect(r.stdout.slice(0, r.stdout.indexOf('\nwrote ')).trimEnd()).toBe(shown.trimEnd());
  });
});
