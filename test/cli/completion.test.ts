/**
 * `apigw-sim completion bash|zsh|fish` as a user loads it: each script
 * names every command and every option of the program (taken from the
 * command tree, so a new command cannot be missed), and completes in a real
 * shell: commands, a subcommand, a command's options, an argument's choices,
 * past an option's value. bash is on every machine; zsh and fish are
 * checked where installed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import { createProgram } from '../../src/cli/main.js';
import { runCli } from './run-cli.js';

const program = createProgram();
const COMMANDS = program.commands.map((c) => c.name());
/** Every command with its long options, subcommands included (`lessons run`). */
const everyCommand = (c: Command, path: string[] = []): Array<{ path: string[]; options: string[] }> =>
  c.commands.flatMap((sub) => [{ path: [...path, sub.name()], options: sub.options.flatMap((o) => (o.long ? [o.long] : [])) }, ...everyCommand(sub, [...path, sub.name()])]);

const has = (shell: string) => spawnSync(shell, ['-c', 'true']).status === 0;
const scripts: Record<string, string> = {};
let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'apigw-sim-completion-'));
  for (const shell of ['bash', 'zsh', 'fish']) {
    const r = runCli(['completion', shell]);
    expect(r.status, r.stderr).toBe(0);
    scripts[shell] = r.stdout;
    writeFileSync(join(work, `apigw-sim.${shell}`), r.stdout);
  }
});

describe('apigw-sim completion', () => {
  it('knows the commands it must complete (a sanity check of the tree read here)', () => {
    expect(COMMANDS).toEqual(expect.arrayContaining(['run', 'price', 'compare', 'sweep', 'lessons', 'validate', 'schema', 'init', 'completion']));
  });

  it.each(['bash', 'zsh', 'fish'])('%s: names every command and every option of each', (shell) => {
    const script = scripts[shell];
    for (const name of COMMANDS) expect(script, name).toMatch(new RegExp(`(^|[^\\w-])${name}([^\\w-]|$)`, 'm'));
    for (const { path, options } of everyCommand(program)) {
      for (const option of options) expect(script, `${path.join(' ')} ${option}`).toContain(shell === 'fish' ? `-l ${option.slice(2)}` : option);
    }
  });

  it('refuses a shell it has no script for', () => {
    const r = runCli(['completion', 'powershell']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Allowed choices are bash, zsh, fish/);
  });

  it('bash: completes commands, a subcommand, options, choices, and past an option\'s value', () => {
    const complete = (...words: string[]) => {
      const r = spawnSync('bash', ['-c', `source "$1"; COMP_WORDS=("\${@:2}"); COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 )); __apigw_sim; printf '%s\\n' "\${COMPREPLY[@]}"`, 'bash', join(work, 'apigw-sim.bash'), 'apigw-sim', ...words], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      return r.stdout.split('\n').filter(Boolean);
    };
    expect(complete('')).toEqual(expect.arrayContaining([...COMMANDS, 'help']));
    expect(complete('lessons', '')).toEqual(['run']);
    expect(complete('lessons', 'run', '--')).toEqual(['--all', '--out', '--quiet', '--force', '--json', '--help']);
    expect(complete('completion', '')).toEqual(['bash', 'zsh', 'fish']);
    expect(complete('init', 'h')).toEqual(['http-container']);
    // `run` here is --out's value, not the command: the options stay run's
    expect(complete('run', 'x.yaml', '--out', 'run', '--se')).toEqual(['--seed']);
  });

  it.skipIf(!has('zsh'))('zsh: the script parses, one function per command', () => {
    const r = spawnSync('zsh', ['-n', join(work, 'apigw-sim.zsh')], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(scripts.zsh).toMatch(/^#compdef apigw-sim$/m);
    for (const { path } of everyCommand(program)) expect(scripts.zsh).toContain(`__apigw_sim_${path.join('_').replace(/-/g, '_')}() {`);
  });

  it.skipIf(!has('fish'))('fish: completes commands, a subcommand\'s options and choices', () => {
    const complete = (line: string) => {
      const r = spawnSync('fish', ['-c', `source $argv[1]; complete -C $argv[2]`, join(work, 'apigw-sim.fish'), line], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      return r.stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0]);
    };
    expect(complete('apigw-sim ')).toEqual(expect.arrayContaining(COMMANDS));
    expect(complete('apigw-sim lessons run --').sort()).toEqual(['--all', '--force', '--help', '--json', '--out', '--quiet']);
    expect(complete('apigw-sim completion ').sort()).toEqual(['bash', 'fish', 'zsh']);
    expect(complete('apigw-sim run --se')).toEqual(['--seed']);
  });
});
