// `parley start`, `parley migrate`, `parley demo`, `parley export`, `parley copy-data`, `parley import`.
import type { Command } from 'commander';
import { loadConfig, sqlitePath, type Config } from '../config/index.js';
import { migrateToLatest } from '../store/migrate.js';
import { applyServerV8Flags, createContext, listen, openConfiguredStore } from '../server.js';
import { findSite } from '../sites/index.js';
import { createDemo, DEMO_SITE, DEMO_STORY } from './demo.js';
import { exportSite } from './export.js';
import { copyStore } from '../store/copy.js';
import { importDiscussions, type ImportBatch } from '../comments/import/index.js';
import { parseWordPress } from '../comments/import/wordpress.js';
import { parseDisqus } from '../comments/import/disqus.js';
import { readFileSync } from 'node:fs';
import { openStore } from '../store/db.js';

const PARSERS: Record<string, (xml: string) => ImportBatch> = { wordpress: parseWordPress, disqus: parseDisqus };

interface StoreFlags {
  data?: string;
}
interface StartFlags extends StoreFlags {
  host?: string;
  port?: string;
  demo?: boolean;
}

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535, not "${value}".`);
  return port;
}

function configFrom(flags: StartFlags): Config {
  return loadConfig({
    ...(flags.host ? { host: flags.host } : {}),
    ...(flags.port !== undefined ? { port: parsePort(flags.port) } : {}),
    ...(flags.data ? { dataDir: flags.data } : {}),
    ...(flags.demo ? { demo: true } : {}),
  });
}

function where(config: Config): string {
  return config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `${config.dataDir}/parley.db`;
}

function fail(err: unknown): void {
  console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}

export function registerServerCommands(program: Command): void {
  program
    .command('start')
    .description('start the Parley server (migrates the database first)')
    .option('--host <host>', 'address to listen on (also HOST)', undefined)
    .option('--port <port>', 'port to listen on, 0 for any free port (also PORT)', undefined)
    .option('--data <dir>', 'data directory for the SQLite database (also DATA_DIR; ignored with DATABASE_URL)')
    .option('--demo', 'create the demo site and story when the database is new')
    .addHelpText('after', '\nDefaults: --host 127.0.0.1 --port 8080 --data ./data. DATABASE_URL=postgres://… uses PostgreSQL.\n')
    .action(async (flags: StartFlags) => {
      try {
        applyServerV8Flags();
        const config = configFrom(flags);
        const ctx = await createContext(config);
        const server = await listen(ctx);
        const base = config.publicUrl ?? server.url;
        console.log(`Parley listening on ${server.url}`);
        if (config.demo) {
          const port = Number(new URL(server.url).port);
          if (await createDemo(ctx.store.db, port)) console.log('Created the demo site.');
          if (await findSite(ctx.store.db, DEMO_SITE)) {
            console.log(`Demo: ${base}/demo`);
            console.log(`Moderation: ${base}/admin (first: npx parley admin create --email you@example.com --password '…' --role admin)`);
          }
        }
        let stopping = false;
        const stop = (signal: string) => {
          if (stopping) return;
          stopping = true;
          ctx.log.info(`${signal}: closing`);
          server.close().then(
            () => process.exit(0),
            (err: unknown) => {
              console.error(err);
              process.exit(1);
            },
          );
        };
        process.on('SIGTERM', () => stop('SIGTERM'));
        process.on('SIGINT', () => stop('SIGINT'));
      } catch (err) {
        fail(err);
      }
    });

  program
    .command('migrate')
    .description('apply database migrations that have not run yet')
    .option('--data <dir>', 'data directory for the SQLite database (also DATA_DIR; ignored with DATABASE_URL)')
    .action(async (flags: StoreFlags) => {
      const config = configFrom(flags);
      const store = openConfiguredStore(config);
      try {
        const applied = await migrateToLatest(store.db);
        console.log(applied.length ? `Applied ${applied.length} migration(s) to ${where(config)}: ${applied.join(', ')}` : `${where(config)} is up to date.`);
      } catch (err) {
        fail(err);
      } finally {
        await store.close();
      }
    });

  program
    .command('demo')
    .description('create the demo site "demo" with the story "welcome" and a few comments, and print the URLs')
    .option('--data <dir>', 'data directory for the SQLite database (also DATA_DIR; ignored with DATABASE_URL)')
    .option('--port <port>', 'port the server will listen on, for the allowed origins (also PORT)')
    .action(async (flags: StartFlags) => {
      const config = configFrom(flags);
      const store = openConfiguredStore(config);
      try {
        await migrateToLatest(store.db);
        const created = await createDemo(store.db, config.port);
        const base = config.publicUrl ?? `http://127.0.0.1:${config.port}`;
        console.log(created ? `Created the demo site in ${where(config)}.` : `The demo site already exists in ${where(config)}.`);
        console.log(`Demo page:  ${base}/demo   (after \`parley start\`)`);
        console.log(`Thread API: ${base}/api/v1/comments?site=${DEMO_SITE}&story=${DEMO_STORY}`);
        console.log(`Moderation: ${base}/admin`);
      } catch (err) {
        fail(err);
      } finally {
        await store.close();
      }
    });

  program
    .command('export')
    .description("print a site's stories and comments as JSON (includes authors' emails: an admin tool)")
    .requiredOption('--site <site>', 'the site id, e.g. demo')
    .option('--data <dir>', 'data directory for the SQLite database (also DATA_DIR; ignored with DATABASE_URL)')
    .action(async (flags: StoreFlags & { site: string }) => {
      const config = configFrom(flags);
      const store = openConfiguredStore(config);
      try {
        await migrateToLatest(store.db);
        const data = await exportSite(store.db, flags.site);
        process.stdout.write(JSON.stringify(data, null, 2) + '\n');
      } catch (err) {
        fail(err);
      } finally {
        await store.close();
      }
    });

  program
    .command('copy-data')
    .description('copy everything (sites, comments, accounts, audit log, keys) into another, empty database: e.g. from the SQLite file to PostgreSQL when one server is no longer enough')
    .requiredOption('--to <target>', 'postgres://… URL, or the data directory of a new SQLite database')
    .option('--to-schema <schema>', 'PostgreSQL schema of the target (default: its search_path)')
    .option('--data <dir>', 'data directory of the SQLite database to copy from (also DATA_DIR; with DATABASE_URL that database is the source)')
    .action(async (flags: StoreFlags & { to: string; toSchema?: string }) => {
      const config = configFrom(flags);
      const toPostgres = /^postgres(?:ql)?:\/\//i.test(flags.to);
      if (flags.toSchema !== undefined && !/^[a-z_][a-z0-9_]*$/i.test(flags.toSchema)) return fail(new Error(`Invalid schema name: ${flags.toSchema}`));
      const source = openConfiguredStore(config);
      const target = toPostgres
        ? openStore({ databaseUrl: flags.to, ...(flags.toSchema ? { pgSchema: flags.toSchema } : {}) })
        : openStore({ sqlitePath: sqlitePath(loadConfig({ dataDir: flags.to })) });
      const targetName = toPostgres ? `PostgreSQL${flags.toSchema ? ` (schema ${flags.toSchema})` : ''}` : `${flags.to}/parley.db`;
      try {
        await migrateToLatest(source.db);
        await migrateToLatest(target.db);
        const tty = process.stderr.isTTY;
        const copied = await copyStore(source, target, (table, n) => {
          if (tty) process.stderr.write(`\r${`${table}: ${n} rows`.padEnd(40)}`);
        });
        if (tty) process.stderr.write(`\r${''.padEnd(40)}\r`);
        const total = Object.values(copied).reduce((a, b) => a + b, 0);
        console.log(`Copied ${total} rows from ${where(config)} to ${targetName}:`);
        for (const [table, n] of Object.entries(copied)) console.log(`  ${table.padEnd(16)} ${n}`);
        console.log(`Every table's row count matches. Point Parley at the new database${toPostgres ? ' with DATABASE_URL' : ' with --data'} and restart it.`);
      } catch (err) {
        fail(err);
      } finally {
        await source.close();
        await target.close();
      }
    });

  program
    .command('import')
    .description("import comments from WordPress (wp-admin → Tools → Export) or Disqus (admin → Community → Export); safe to run again")
    .argument('<format>', 'wordpress or disqus')
    .argument('<file>', 'the export file (.xml)')
    .requiredOption('--site <site>', 'the Parley site to import into (created, named after the WordPress site, when missing)')
    .option('--data <dir>', 'data directory for the SQLite database (also DATA_DIR; ignored with DATABASE_URL)')
    .action(async (format: string, file: string, flags: StoreFlags & { site: string }) => {
      const parse = PARSERS[format];
      if (!parse) return fail(new Error(`Parley imports "wordpress" and "disqus" export files; "${format}" is not one of them.`));
      let xml: string;
      try {
        xml = readFileSync(file, 'utf8');
      } catch (err) {
        return fail(new Error(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`));
      }
      const config = configFrom(flags);
      const store = openConfiguredStore(config);
      try {
        await migrateToLatest(store.db);
        const r = await importDiscussions(store.db, flags.site, parse(xml));
        if (r.siteCreated) console.log(`Created the site "${r.site}".`);
        const statuses = Object.entries(r.comments.byStatus).map(([s, n]) => `${n} ${s}`).join(', ');
        console.log(`Imported ${r.comments.imported} comments${statuses ? ` (${statuses})` : ''} on ${r.stories.created} new stories into ${where(config)}.`);
        if (r.comments.skipped || r.stories.skipped) console.log(`Already there, left as they were: ${r.comments.skipped} comments, ${r.stories.skipped} stories.`);
        if (r.leftOut) console.log(`Left out ${r.leftOut} ${format === 'wordpress' ? 'pingbacks and trackbacks' : 'posts of deleted or unknown threads'}.`);
        if (format === 'wordpress') console.log(`Stories are the WordPress post ids: <parley-comments site="${r.site}" story="<?php the_ID(); ?>">.`);
        else console.log('Stories are the disqus_identifier of each page (or "dq-<thread id>"), and each page\'s URL finds its story too.');
      } catch (err) {
        fail(err);
      } finally {
        await store.close();
      }
    });
}
