// Configuration from CLI flags and the environment (PORT, HOST, DATA_DIR, DATABASE_URL, PARLEY_PG_SCHEMA).
import { join } from 'node:path';

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl?: string;
  /** PostgreSQL schema to use instead of the default search_path (tests use a fresh one each). */
  pgSchema?: string;
  /** Create the demo site and story when the database is new. */
  demo: boolean;
  /** Public base URL used in printed links (defaults to http://host:port). */
  publicUrl?: string;
}

export function loadConfig(flags: Partial<Config> = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const port = flags.port ?? (env.PORT ? Number(env.PORT) : 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port: ${String(port)}`);
  const pgSchema = flags.pgSchema ?? (env.PARLEY_PG_SCHEMA || undefined);
  if (pgSchema !== undefined && !/^[a-z_][a-z0-9_]*$/i.test(pgSchema)) throw new Error(`Invalid schema name: ${pgSchema}`);
  return {
    host: flags.host ?? env.HOST ?? '127.0.0.1',
    port,
    dataDir: flags.dataDir ?? env.DATA_DIR ?? './data',
    databaseUrl: flags.databaseUrl ?? (env.DATABASE_URL || undefined),
    pgSchema,
    demo: flags.demo ?? false,
    publicUrl: flags.publicUrl ?? env.PUBLIC_URL,
  };
}

export function sqlitePath(config: Config): string {
  return join(config.dataDir, 'parley.db');
}
