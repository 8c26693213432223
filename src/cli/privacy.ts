// `parley privacy export|erase --email …`: a commenter's GDPR access and erasure requests, for an
// operator with shell access (the same as the admin API's /privacy routes).
import type { Command } from 'commander';
import { loadConfig } from '../config/index.js';
import { openConfiguredStore } from '../server.js';
import { migrateToLatest } from '../store/migrate.js';
import type { Db } from '../store/db.js';
import { eraseCommenter, exportCommenterData, parseEraseMode, previewErase, type EraseCounts } from '../privacy/index.js';

// The audit log's actor for changes made from the command line (no account signed in).
const CLI_ACTOR = { id: 'cli', email: 'parley privacy (command line)' };

interface PrivacyOptions {
  email: string;
  data?: string;
  mode?: string;
  yes?: boolean;
}

async function withStore(opts: PrivacyOptions, fn: (db: Db) => Promise<void>): Promise<void> {
  const store = openConfiguredStore(loadConfig({ ...(opts.data ? { dataDir: opts.data } : {}) }));
  try {
    await migrateToLatest(store.db);
    await fn(store.db);
  } catch (err) {
    console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  } finally {
    await store.close();
  }
}

function describe(counts: EraseCounts): string {
  return [
    `  comments by this address: ${counts.comments} (${counts.mode === 'delete' ? 'deleted, text replaced' : 'text kept'}, author shown as "Former reader")`,
    ...(counts.mode === 'delete' ? [`  comments that become deleted: ${counts.deleted} (${counts.approvedRemoved} of them public now)`] : []),
    `  reply subscriptions removed: ${counts.replySubscriptions}`,
    `  unsent mail to the address removed: ${counts.queuedMail}`,
    `  Akismet check records removed: ${counts.akismetChecks}`,
  ].join('\n');
}

export function registerPrivacyCommands(program: Command): void {
  const privacy = program.command('privacy').description("a commenter's data rights: export or erase what Parley holds under their email address");
  const dataOption = ['--data <dir>', 'data directory of the SQLite database (also DATA_DIR; ignored with DATABASE_URL)'] as const;

  privacy
    .command('export')
    .description('print, as JSON, every comment by this email address on every site, and their reply subscriptions')
    .requiredOption('--email <email>', "the commenter's email address (any case)")
    .option(...dataOption)
    .action((opts: PrivacyOptions) =>
      withStore(opts, async (db) => {
        process.stdout.write(JSON.stringify(await exportCommenterData(db, opts.email), null, 2) + '\n');
      }),
    );

  privacy
    .command('erase')
    .description('anonymize (keep the text) or delete (remove the text) every comment by this email address, with their subscriptions and queued mail')
    .requiredOption('--email <email>', "the commenter's email address (any case)")
    .requiredOption('--mode <mode>', 'anonymize or delete')
    .option('--yes', 'really change the data (without it, only prints what would change)')
    .option(...dataOption)
    .action((opts: PrivacyOptions) =>
      withStore(opts, async (db) => {
        const mode = parseEraseMode(opts.mode);
        if (!opts.yes) {
          const counts = await previewErase(db, opts.email, mode);
          console.log(`Would ${mode} the data of ${opts.email.trim().toLowerCase()}:\n${describe(counts)}`);
          console.error('Nothing was changed. Run again with --yes to erase.');
          process.exitCode = 1;
          return;
        }
        const counts = await eraseCommenter(db, opts.email, { mode, actor: CLI_ACTOR });
        console.log(`Erased (${mode}) the data of ${opts.email.trim().toLowerCase()}:\n${describe(counts)}`);
      }),
    );
}
