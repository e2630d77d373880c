/**
 * What an installed package holds, as `npm pack` would pack it: no source
 * maps without their sources, and every file a message points a user to is
 * in it (the missing-Region hint named src/cost/prices/us-east-1.json,
 * which the package does not ship).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './run-cli.js';

let packed: string[];
let work: string;
beforeAll(() => {
  // --ignore-scripts: the test run has built dist/ already (pretest); `prepare` would build it again
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  packed = (JSON.parse(r.stdout) as Array<{ files: Array<{ path: string }> }>)[0].files.map((f) => f.path);
  work = mkdtempSync(join(tmpdir(), 'apigw-sim-package-'));
});

/** The file a hint names ("copy <path> and ..."), as a path inside the package. */
function hintedFile(stderr: string, cwd: string): string {
  const named = /copy (\S+\.json)/.exec(stderr)?.[1];
  expect(named, stderr).toBeDefined();
  const path = isAbsolute(named as string) ? (named as string) : join(cwd, named as string);
  expect(existsSync(path), path).toBe(true);
  return relative(ROOT, path);
}

describe('the npm package', () => {
  it('ships the compiled CLI and no source maps (their sources are not shipped)', () => {
    expect(packed).toContain('bin/apigw-sim.js');
    expect(packed).toContain('dist/cli/main.js');
    expect(packed.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(packed.filter((f) => f.startsWith('src/'))).toEqual([]);
  });

  it("ships init's templates", () => {
    const templates = readdirSync(join(ROOT, 'templates')).filter((f) => f.endsWith('.yaml'));
    expect(templates.length).toBeGreaterThanOrEqual(5);
    for (const t of templates) expect(packed).toContain(`templates/${t}`);
  });

  it('ships the editor schema, and `apigw-sim schema` prints that file', () => {
    expect(packed).toContain('schema/scenario.schema.json');
    const r = runCli(['schema'], { cwd: work });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(ROOT, 'schema', 'scenario.schema.json'), 'utf8'));
    expect(JSON.parse(r.stdout).$id).toMatch(/scenario\.schema\.json$/);
  });

  it('validate takes a scenario that names its schema, by key or by modeline', () => {
    const file = join(work, 'with-schema.yaml');
    writeFileSync(file, `# yaml-language-server: $schema=${join(ROOT, 'schema', 'scenario.schema.json')}\n$schema: ./scenario.schema.json\nname: s\nduration: 10s\nload: { rate: 1/s }\napi: { type: http }\nintegration: { type: lambda, duration: { constant: 5ms } }\n`);
    const r = runCli(['validate', file], { cwd: work });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/with-schema\.yaml: ok \(s; /);
  });

  it("the missing-Region hint names a price table the package ships, and a copy of it prices another Region", () => {
    const r = runCli(['price', '--requests', '1M', '--region', 'ap-south-1'], { cwd: work });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: --region "ap-south-1" has no bundled price table\n  hint: .*copy \S+us-east-1\.json/);
    const file = hintedFile(r.stderr, work);
    expect(packed).toContain(file);
    const table = JSON.parse(readFileSync(join(ROOT, file), 'utf8'));
    table.region = 'ap-south-1';
    const mine = join(work, 'ap-south-1.json');
    writeFileSync(mine, JSON.stringify(table));
    const priced = runCli(['price', '--requests', '1M', '--type', 'http', '--prices', mine], { cwd: work });
    expect(priced.stderr).toBe('');
    expect(priced.status).toBe(0);
    expect(priced.stdout).toContain('ap-south-1');
  });

  it("a scenario's Region with no table gets the same hint, with its line", () => {
    const scenario = join(work, 'mumbai.yaml');
    writeFileSync(scenario, 'name: mumbai\nduration: 10s\nload: { rate: 1/s }\napi: { type: http }\nintegration: { type: lambda, duration: { constant: 5ms } }\ncost: { region: ap-south-1 }\n');
    const r = runCli(['validate', scenario], { cwd: work });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/mumbai\.yaml:6: cost\.region: "ap-south-1" has no bundled price table/);
    expect(packed).toContain(hintedFile(r.stderr, work));
  });
});
