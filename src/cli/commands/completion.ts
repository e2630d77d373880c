/**
 * `apigw-sim completion bash|zsh|fish`: prints a completion script for the
 * shell, written from the program's own command tree (../completion.ts).
 */
import { Argument, type Command } from 'commander';
import { commandSpec, completionScript, SHELLS, type Shell } from '../completion.js';
import { JSON_FLAG, printJson } from '../json-output.js';

export function registerCompletion(program: Command): void {
  program
    .command('completion')
    .description('print a shell completion script (bash, zsh or fish) for apigw-sim\'s commands and options')
    .addArgument(new Argument('<shell>', 'the shell to complete in').choices(SHELLS))
    .addHelpText(
      'after',
      '\nLoad it in this shell:\n  source <(apigw-sim completion bash)        # or zsh\n  apigw-sim completion fish | source\nFor every shell, save it where the shell looks (docs/commands.md: completion):\n  apigw-sim completion bash > ~/.local/share/bash-completion/completions/apigw-sim\n  apigw-sim completion zsh > "${fpath[1]}/_apigw-sim"\n  apigw-sim completion fish > ~/.config/fish/completions/apigw-sim.fish',
    )
    .option(...JSON_FLAG)
    .action((shell: Shell, options: { json?: boolean }) => {
      let root: Command = program;
      while (root.parent) root = root.parent;
      const script = completionScript(shell, commandSpec(root));
      if (options.json) printJson({ shell, script });
      else process.stdout.write(script);
    });
}
