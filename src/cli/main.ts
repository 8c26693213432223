// The `parley` command. Each domain registers its own subcommands.
import { Command } from 'commander';
import { registerServerCommands } from './server.js';
import { registerAdminCommands } from './admin.js';
import { registerModelCommands } from './models.js';
import { registerModerationCommands } from './moderation.js';
import { registerPrivacyCommands } from './privacy.js';

const program = new Command('parley')
  .description('Parley: self-hosted comments and moderation for news sites')
  .showHelpAfterError();

registerServerCommands(program); // start, migrate, demo, export
registerAdminCommands(program); // admin create
registerModelCommands(program); // train, eval
registerModerationCommands(program); // classify
registerPrivacyCommands(program); // privacy export, privacy erase

await program.parseAsync(process.argv);
