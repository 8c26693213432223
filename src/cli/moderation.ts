import type { Command } from 'commander';

export function registerModerationCommands(program: Command): void {
  void program;
}
