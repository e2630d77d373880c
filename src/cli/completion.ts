/**
 * Shell completion scripts (`apigw-sim completion bash|zsh|fish`), written
 * from commander's own command tree: every command, subcommand, option and
 * argument the program registers, with its description, so a new command or
 * flag is completed without anyone keeping a list. The scripts are static
 * (no node start at each TAB): a value with `choices` completes to them, a
 * file or folder option and a file argument complete to paths.
 */
import type { Command } from 'commander';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

export interface OptionSpec {
  short?: string;
  long?: string;
  description: string;
  takesValue: boolean;
  /** The value is a path (`<file>`, `<dir>`, `<folder>`). */
  path: boolean;
  choices?: readonly string[];
  repeatable: boolean;
}

export interface ArgumentSpec {
  name: string;
  description: string;
  variadic: boolean;
  choices?: readonly string[];
}

export interface CommandSpec {
  name: string;
  description: string;
  options: OptionSpec[];
  args: ArgumentSpec[];
  subcommands: CommandSpec[];
}

const PATH_VALUE = /<(file|dir|folder|[\w-]*folders?|[\w-]*files?)(\.\.\.)?>/;

/** The tree commander has: what `--help` shows, help command and options included. */
export function commandSpec(command: Command): CommandSpec {
  const help = command.createHelp();
  return {
    name: command.name(),
    description: command.description(),
    options: help.visibleOptions(command).map((o) => ({
      short: o.short,
      long: o.long,
      description: o.description,
      takesValue: o.required || o.optional,
      path: PATH_VALUE.test(o.flags),
      choices: o.argChoices,
      repeatable: o.variadic || Array.isArray(o.defaultValue) || /\brepeat\b/.test(o.description),
    })),
    args: help.visibleArguments(command).map((a) => ({ name: a.name(), description: a.description, variadic: a.variadic, choices: a.argChoices })),
    subcommands: help.visibleCommands(command).map((c) => (c.name() === 'help' && c.commands.length === 0 && c.options.length === 0 ? helpSpec(command) : commandSpec(c))),
  };
}

/** commander's own `help [command]`: its argument is a command name. */
function helpSpec(parent: Command): CommandSpec {
  const names = parent.commands.map((c) => c.name());
  return { name: 'help', description: 'display help for command', options: [], args: [{ name: 'command', description: 'a command', variadic: false, choices: names }], subcommands: [] };
}

export function completionScript(shell: Shell, root: CommandSpec): string {
  if (shell === 'bash') return bashScript(root);
  if (shell === 'zsh') return zshScript(root);
  return fishScript(root);
}

/** Every command with the words that lead to it: [[], root], [['lessons'], lessons], [['lessons', 'run'], run]... */
function walk(root: CommandSpec, path: string[] = []): Array<[string[], CommandSpec]> {
  return [[path, root], ...root.subcommands.flatMap((c) => walk(c, [...path, c.name]))];
}

const flagsOf = (o: OptionSpec) => [o.short, o.long].filter((f): f is string => f !== undefined);
const functionName = (prefix: string, path: string[]) => [prefix, ...path].join('_').replace(/[^A-Za-z0-9_]/g, '_');

/* ------------------------------------------------------------------ bash */

function bashScript(root: CommandSpec): string {
  const fn = functionName('_', [root.name]);
  const nodes = walk(root);
  const key = (path: string[]) => path.join(' ');
  const descend = nodes.flatMap(([path, c]) => c.subcommands.map((s) => `      "${key(path)}:${s.name}") path="${key([...path, s.name])}" ;;`));
  const skips = nodes.flatMap(([path, c]) => c.options.filter((o) => o.takesValue).map((o) => `      ${flagsOf(o).map((f) => `"${key(path)}:${f}"`).join('|')}) skip=1 ;;`));
  const values = nodes.flatMap(([path, c]) =>
    c.options.filter((o) => o.takesValue).map((o) => {
      const reply = o.choices ? `COMPREPLY=($(compgen -W "${o.choices.join(' ')}" -- "$cur"))` : o.path ? 'COMPREPLY=($(compgen -f -- "$cur"))' : 'COMPREPLY=()';
      return `    ${flagsOf(o).map((f) => `"${key(path)}:${f}"`).join('|')}) ${reply}; return ;;`;
    }),
  );
  const words = nodes.map(([path, c]) => {
    const choices = c.args[0]?.choices ?? [];
    const options = c.options.flatMap(flagsOf);
    return `    "${key(path)}") options="${options.join(' ')}"; words="${[...c.subcommands.map((s) => s.name), ...choices].join(' ')}" ;;`;
  });
  return `# bash completion for ${root.name}, written by \`${root.name} completion bash\`
# Load it in this shell:  source <(${root.name} completion bash)
# For every shell:        ${root.name} completion bash > ~/.local/share/bash-completion/completions/${root.name}
${fn}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  local path="" word skip=0 i options words
  # the command and subcommand typed so far, stepping over options' values
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    if ((skip)); then skip=0; continue; fi
    case "$path:$word" in
${[...descend, ...skips].join('\n')}
    esac
  done
  case "$path:$prev" in
${values.join('\n')}
  esac
  case "$path" in
${words.join('\n')}
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$options" -- "$cur"))
  elif [[ -n "$words" ]]; then
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F ${fn} ${root.name}
`;
}

/* ------------------------------------------------------------------ zsh */

/** Text inside a zsh _arguments spec or a _describe item: brackets, colons, quotes and backslashes escaped. */
const zshText = (text: string) => text.replace(/\\/g, '\\\\').replace(/'/g, "'\\''").replace(/([[\]:])/g, '\\$1').replace(/\s+/g, ' ');

function zshOption(o: OptionSpec): string {
  const flags = flagsOf(o);
  const action = !o.takesValue ? '' : o.choices ? `:value:(${o.choices.join(' ')})` : o.path ? ':path:_files' : ':value: ';
  const body = `[${zshText(o.description)}]${action}`;
  const exclusive = o.repeatable ? '*' : flags.length > 1 ? `(${flags.join(' ')})` : '';
  return flags.length > 1 && !o.repeatable ? `'${exclusive}'{${flags.join(',')}}'${body}'` : `'${exclusive}${flags[0]}${body}'`;
}

function zshArgument(a: ArgumentSpec, position: number): string {
  const action = a.choices ? `(${a.choices.join(' ')})` : '_files';
  return `'${a.variadic ? '*' : position}:${zshText(a.name)}:${action}'`;
}

function zshFunction(root: CommandSpec, path: string[], c: CommandSpec): string {
  const name = functionName('_', [root.name, ...path]);
  const options = c.options.map(zshOption);
  if (c.subcommands.length === 0) {
    return `${name}() {\n  _arguments -s \\\n    ${[...options, ...c.args.map((a, i) => zshArgument(a, i + 1))].join(' \\\n    ')}\n}`;
  }
  const items = c.subcommands.map((s) => `'${zshText(s.name)}:${zshText(s.description)}'`);
  const cases = c.subcommands.map((s) => `      ${s.name}) ${functionName('_', [root.name, ...path, s.name])} ;;`);
  const positional = c.args.length > 0 ? ` ${c.args.map((a) => `'${a.name}'`).join(' ')}` : '';
  return `${name}() {
  local curcontext="$curcontext" state line
  local -a commands
  _arguments -C -s \\
    ${[...options, "'1: :->command'", "'*:: :->args'"].join(' \\\n    ')}
  case $state in
    command)
      commands=(${items.join(' ')})
      _describe -t commands '${zshText([root.name, ...path].join(' '))} command' commands${positional ? ' && return' : ''}
      ;;
    args)
      case $line[1] in
${cases.join('\n')}
      esac
      ;;
  esac
}`;
}

function zshScript(root: CommandSpec): string {
  const functions = walk(root).map(([path, c]) => zshFunction(root, path, c));
  return `#compdef ${root.name}
# zsh completion for ${root.name}, written by \`${root.name} completion zsh\`
# Load it in this shell:  source <(${root.name} completion zsh)
# For every shell: save it as _${root.name} in a folder of $fpath, e.g.
#   ${root.name} completion zsh > "\${fpath[1]}/_${root.name}"
${functions.join('\n\n')}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  ${functionName('_', [root.name])} "$@"
else
  compdef ${functionName('_', [root.name])} ${root.name}
fi
`;
}

/* ------------------------------------------------------------------ fish */

const fishText = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\s+/g, ' ')}'`;

function fishScript(root: CommandSpec): string {
  const nodes = walk(root);
  const at = functionName('__', [root.name, 'at']);
  const steps = nodes.flatMap(([path, c]) => c.subcommands.map((sub) => fishText(`${path.join(' ')}:${sub.name}`)));
  const lines: string[] = [];
  for (const [path, c] of nodes) {
    const when = fishText(`${at} ${fishText(path.join(' '))}`);
    for (const sub of c.subcommands) lines.push(`complete -c ${root.name} -n ${when} -f -a ${sub.name} -d ${fishText(sub.description)}`);
    for (const o of c.options) {
      const flags = [o.short ? `-s ${o.short.replace(/^-/, '')}` : '', o.long ? `-l ${o.long.replace(/^--/, '')}` : ''].filter(Boolean).join(' ');
      const value = !o.takesValue ? '' : o.choices ? ` -x -a ${fishText(o.choices.join(' '))}` : o.path ? ' -r -F' : ' -x';
      lines.push(`complete -c ${root.name} -n ${when} ${flags}${value} -d ${fishText(o.description)}`);
    }
    const arg = c.args[0];
    if (arg?.choices) lines.push(`complete -c ${root.name} -n ${when} -f -a ${fishText(arg.choices.join(' '))}`);
    else if (arg) lines.push(`complete -c ${root.name} -n ${when} -F`);
  }
  return `# fish completion for ${root.name}, written by \`${root.name} completion fish\`
# Load it in this shell:  ${root.name} completion fish | source
# For every shell:        ${root.name} completion fish > ~/.config/fish/completions/${root.name}.fish

# true when the command typed so far (its command and subcommand words) is $want
function ${at} --argument-names want
    set -l path ''
    set -l words (commandline -opc)
    set -e words[1]
    for w in $words
        if contains -- "$path:$w" ${steps.join(' ')}
            set path (string trim -- "$path $w")
        end
    end
    test "$path" = "$want"
end

complete -c ${root.name} -f
${lines.join('\n')}
`;
}
