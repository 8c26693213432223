// `parley admin create --email … --password … [--role admin|moderator] [--data ./data]`
import type { Command } from 'commander';
import { loadConfig } from '../config/index.js';
import { openConfiguredStore } from '../server.js';
import { migrateToLatest } from '../store/migrate.js';
import { AccountError, createUser, MIN_PASSWORD_LENGTH, ROLES, type Role } from '../accounts/index.js';

interface CreateOptions {
  email: string;
  password: string;
  role: string;
  data?: string;
}

export function registerAdminCommands(program: Command): void {
  const admin = program
    .command('admin')
    .description('manage moderator and admin accounts');

  admin
    .command('create')
    .description('create a moderator or admin account (uses DATABASE_URL when set, else the SQLite file under --data)')
    .requiredOption('--email <email>', 'the sign-in email address')
    .requiredOption('--password <password>', `the password (at least ${MIN_PASSWORD_LENGTH} characters)`)
    .option('--role <role>', 'admin or moderator', 'admin')
    .option('--data <dir>', 'data directory of the SQLite database (also DATA_DIR)')
    .addHelpText('after', '\nExample:\n  parley admin create --email editor@example.com --password "a long passphrase" --role admin\n')
    .action(async (opts: CreateOptions) => {
      if (!ROLES.includes(opts.role as Role)) {
        console.error(`error: --role must be "admin" or "moderator", not "${opts.role}".`);
        process.exitCode = 2;
        return;
      }
      const config = loadConfig({ ...(opts.data ? { dataDir: opts.data } : {}) });
      const store = openConfiguredStore(config);
      try {
        await migrateToLatest(store.db);
        const user = await createUser(store.db, { email: opts.email, password: opts.password, role: opts.role as Role });
        console.log(`Created ${user.role} account ${user.email} (id ${user.id}).`);
      } catch (err) {
        if (err instanceof AccountError) {
          console.error(`error: ${err.message}`);
          process.exitCode = 1;
          return;
        }
        throw err;
      } finally {
        await store.close();
      }
    });
}
