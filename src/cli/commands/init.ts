/**
 * `apigw-sim init [template] [--out file] [--list] [--force]`: writes a
 * commented starter scenario, one of the templates the package ships
 * (templates/*.yaml: REST API + Lambda, HTTP API + container service, ALB,
 * WebSocket API, EventBridge), so nobody starts from a blank page. The copy
 * is named after its file (`name:`) and its first line points editors at
 * the schema of the apigw-sim that wrote it (docs/editors.md). An existing
 * file is never replaced without --force.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { link, lstat, mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { Argument, type Command } from 'commander';
import { parse } from 'yaml';
import { packageFile } from '../../io/package-files.js';
import { writeFileAtomic } from '../../report/atomic-write.js';
import { renderTable } from '../../report/fit-table.js';
import { JSON_FLAG, printJson } from '../json-output.js';
import { CliError } from '../cli-error.js';

export const DEFAULT_TEMPLATE = 'rest-lambda';
const MODELINE = /^# yaml-language-server: \$schema=.*$/m;
/** What `name:` may be (the scenario schema's rule): the copy takes its file's name when it fits. */
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export interface Template {
  name: string;
  description: string;
  file: string;
}

/** The file names of the shipped templates, sorted (none, rather than a crash of every command, in a package that lost its templates/). */
function templateFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
}

/** The shipped templates, by name, sorted. */
export function templates(dir = packageFile('templates')): Template[] {
  return templateFiles(dir).map((f) => {
    const file = join(dir, f);
    const { description } = parse(readFileSync(file, 'utf8')) as { description?: string };
    return { name: basename(f, '.yaml'), description: (description ?? '').trim(), file };
  });
}

interface InitOptions {
  out?: string;
  list?: boolean;
  force?: boolean;
  json?: boolean;
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('write a commented starter scenario (REST + Lambda, HTTP API + containers, ALB, WebSocket, EventBridge) to edit and run')
    .addArgument(new Argument('[template]', `a template (see --list; default ${DEFAULT_TEMPLATE})`).choices(templateFiles(packageFile('templates')).map((f) => basename(f, '.yaml'))))
    .option('--out <file>', 'the scenario file to write (default: <template>.yaml here; - prints it)')
    .option('--list', 'list the templates')
    .option('--force', 'replace --out if it exists')
    .option(...JSON_FLAG)
    .addHelpText('after', '\nExamples:\n  apigw-sim init --list\n  apigw-sim init http-container --out checkout.yaml\n  apigw-sim init && apigw-sim run rest-lambda.yaml')
    .action(async (name: string | undefined, options: InitOptions) => {
      const all = templates();
      if (options.list) {
        if (name !== undefined) throw new CliError(`--list takes no template ("${name}")`, 'apigw-sim init --list lists them; apigw-sim init <template> writes one');
        if (options.json) {
          printJson({ templates: all.map((t) => ({ name: t.name, description: t.description, file: t.file })) });
          return;
        }
        const table = renderTable({ head: ['template', 'what it starts from'], rows: all.map((t) => [t.name, t.description]), colAligns: ['left', 'left'], wrap: [1] });
        process.stdout.write(`${table}\nwrite one: apigw-sim init <template> [--out file.yaml]\n`);
        return;
      }
      // commander has refused a name that is no template (the argument's choices)
      const chosen = all.find((t) => t.name === (name ?? DEFAULT_TEMPLATE)) as Template;
      const out = options.out ?? `${chosen.name}.yaml`;
      const text = readFileSync(chosen.file, 'utf8');
      if (out === '-') {
        if (options.json) printJson({ template: chosen.name, out: null, scenario: starter(text, null, null) });
        else process.stdout.write(starter(text, null, null));
        return;
      }
      const content = starter(text, scenarioName(out), schemaReference(out));
      if (options.force) await writeFileAtomic(out, content);
      else await writeNew(out, content);
      if (options.json) {
        printJson({ template: chosen.name, out, scenario: null });
        return;
      }
      process.stdout.write(`wrote ${out} (from the ${chosen.name} template)\nnext: edit it, then apigw-sim validate ${out} and apigw-sim run ${out}\n`);
    });
}

/** The template as the user gets it: named after its file, its modeline pointing at this apigw-sim's schema. */
export function starter(text: string, name: string | null, schema: string | null): string {
  let result = text;
  if (schema !== null) result = result.replace(MODELINE, `# yaml-language-server: $schema=${schema}`);
  if (name !== null) result = result.replace(/^name: .*$/m, `name: ${name}`);
  return result;
}

/** `checkout.yaml` -> checkout; null when the file's name cannot be a scenario's (the template's stays). */
function scenarioName(out: string): string | null {
  const name = basename(out, extname(out));
  return NAME_PATTERN.test(name) ? name : null;
}

/** The schema as the written file should name it: relative to the file when both are under the working folder (a project's node_modules, a checkout), else absolute (a global install). */
function schemaReference(out: string): string {
  const schema = packageFile('schema', 'scenario.schema.json');
  const cwd = process.cwd();
  const inside = (path: string) => {
    const r = relative(cwd, path);
    return !r.startsWith('..') && !isAbsolute(r);
  };
  if (!inside(schema) || !inside(resolve(out))) return schema;
  return relative(dirname(resolve(out)), schema).split('\\').join('/');
}

/** Writes a file that must not exist yet: written beside it, then linked to its name, which fails if the name is taken (no window in which an existing file could be replaced). */
async function writeNew(out: string, content: string): Promise<void> {
  const existing = await lstat(out).catch(() => null);
  if (existing) throw new CliError(`${out} already exists`, existing.isDirectory() ? 'give --out the path of a file to write, e.g. --out my-api.yaml' : 'pass --force to replace it, or give another --out');
  await mkdir(dirname(out), { recursive: true });
  const temporary = join(dirname(out), `.${basename(out)}.${process.pid}.tmp`);
  await writeFile(temporary, content);
  try {
    await link(temporary, out);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new CliError(`${out} already exists`, 'pass --force to replace it, or give another --out');
    throw error;
  } finally {
    await rm(temporary, { force: true });
  }
}
