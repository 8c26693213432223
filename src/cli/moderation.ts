// `parley classify [--policy auto|premod|postmod]`: JSON Lines in on stdin, one decision per line out,
// in input order, streamed. `parley apikey create|list|revoke`: keys for the Perspective endpoint.
import { Option, type Command } from 'commander';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { moderateComment, standaloneInput, LABELS, type ModerationMode } from '../moderation/index.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../moderation/apikeys.js';
import { loadConfig } from '../config/index.js';
import type { Store } from '../store/db.js';
import { migrateToLatest } from '../store/migrate.js';
import { openConfiguredStore } from '../server.js';

const MODES = ['auto', 'premod', 'postmod'] as const;

const round = (x: number): number => Math.round(x * 1e4) / 1e4;

/** One input line → one output object, or a sentence saying what is wrong with the line. */
export function classifyLine(line: string, mode: ModerationMode): { output: object; modelError?: string } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return { error: `not valid JSON (${err instanceof Error ? err.message : String(err)})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'expected a JSON object like {"id": "...", "text": "..."}' };
  const o = value as Record<string, unknown>;
  if (typeof o.id !== 'string' && typeof o.id !== 'number') return { error: '"id" must be a string' };
  if (typeof o.text !== 'string') return { error: '"text" must be a string' };
  const author = o.author as Record<string, unknown> | undefined | null;
  if (author != null && (typeof author !== 'object' || (author.name !== undefined && typeof author.name !== 'string'))) {
    return { error: '"author" must be an object like {"name": "..."}' };
  }
  const story = o.story as Record<string, unknown> | undefined | null;
  if (story != null && (typeof story !== 'object' || Array.isArray(story) || (story.title !== undefined && typeof story.title !== 'string')
    || (story.body !== undefined && story.body !== null && typeof story.body !== 'string'))) {
    return { error: '"story" must be an object like {"title": "...", "body": "..."}' };
  }
  const result = moderateComment(standaloneInput(o.text, {
    mode,
    authorName: author?.name as string | undefined,
    story: story ? { title: story.title as string | undefined, body: story.body as string | null | undefined } : null,
  }));
  const modelError = result.reasons.find((r) => r.label === 'model_error')?.detail;
  return {
    ...(modelError ? { modelError } : {}),
    output: {
      id: o.id,
      // There is no author to ask in a batch: a comment that would get the nudge is reported as review.
      decision: result.decision,
      scores: Object.fromEntries(LABELS.map((l) => [l, round(result.scores[l])])),
      reasons: result.reasons.map((r) => ({ label: r.label, score: round(r.score), spans: r.spans })),
    },
  };
}

/** Streams stdin to stdout line by line; malformed lines are reported on stderr and skipped. */
export async function classifyStream(input: Readable, output: Writable, errors: Writable, mode: ModerationMode): Promise<{ ok: number; failed: number }> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  let ok = 0;
  let failed = 0;
  let warnedModels = false;
  for await (const line of lines) {
    lineNumber++;
    if (!line.trim()) continue; // blank lines (e.g. a trailing one) carry no comment
    const r = classifyLine(line, mode);
    if ('error' in r) {
      failed++;
      errors.write(`line ${lineNumber}: ${r.error}\n`);
      continue;
    }
    ok++;
    // Scores of 0 from broken models must not pass silently: say so once.
    if (r.modelError && !warnedModels) {
      warnedModels = true;
      errors.write(`warning: ${r.modelError} Decisions fall back to review.\n`);
    }
    if (!output.write(JSON.stringify(r.output) + '\n')) await once(output, 'drain');
  }
  return { ok, failed };
}

async function withStore<T>(data: string | undefined, fn: (store: Store) => Promise<T>): Promise<T> {
  const config = loadConfig({ ...(data ? { dataDir: data } : {}) });
  const store = openConfiguredStore(config);
  try {
    await migrateToLatest(store.db);
    return await fn(store);
  } finally {
    await store.close();
  }
}

export function registerModerationCommands(program: Command): void {
  program
    .command('classify')
    .description('score comments: JSON Lines on stdin ({"id","text","author"?,"story"?}), one decision per line on stdout')
    .addOption(new Option('--policy <mode>', 'moderation policy').choices(MODES).default('auto'))
    .addHelpText('after', `\nExample:\n  echo '{"id":"1","text":"You are an idiot"}' | parley classify --policy auto\n`)
    .action(async (opts: { policy: ModerationMode }) => {
      // Malformed lines are reported on stderr; the run still succeeds for the lines that were read.
      await classifyStream(process.stdin, process.stdout, process.stderr, opts.policy);
    });

  const apikey = program.command('apikey').description('API keys for the Perspective-compatible endpoint (/v1alpha1/comments:analyze)');
  apikey
    .command('create')
    .description('create a key and print it once (only its hash is stored)')
    .requiredOption('--name <name>', 'who or what the key is for, e.g. "coral-talk"')
    .option('--data <dir>', 'data directory of the SQLite database (also DATA_DIR); DATABASE_URL selects PostgreSQL')
    .action(async (opts: { name: string; data?: string }) => {
      try {
        const created = await withStore(opts.data, (store) => createApiKey(store.db, opts.name));
        console.log(created.key);
        console.error(`Created API key "${created.name}" (id ${created.id}). Copy it now: it is not shown again.`);
      } catch (err) {
        console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
        process.exitCode = 1;
      }
    });
  apikey
    .command('list')
    .description('list keys (names and prefixes, never the keys)')
    .option('--data <dir>', 'data directory of the SQLite database (also DATA_DIR)')
    .action(async (opts: { data?: string }) => {
      const keys = await withStore(opts.data, (store) => listApiKeys(store.db));
      for (const k of keys) {
        console.log(`${k.id}  ${k.key_prefix}…  ${k.name}  created ${k.created_at}${k.revoked_at ? `  revoked ${k.revoked_at}` : ''}${k.last_used_at ? `  last used ${k.last_used_at}` : ''}`);
      }
      if (!keys.length) console.log('No API keys yet. Create one with: parley apikey create --name <name>');
    });
  apikey
    .command('revoke <idOrPrefix>')
    .description('revoke a key by its id or printed prefix')
    .option('--data <dir>', 'data directory of the SQLite database (also DATA_DIR)')
    .action(async (idOrPrefix: string, opts: { data?: string }) => {
      const n = await withStore(opts.data, (store) => revokeApiKey(store.db, idOrPrefix));
      if (!n) {
        console.error(`error: no active key with id or prefix "${idOrPrefix}".`);
        process.exitCode = 1;
      } else console.log(`Revoked ${n} key(s).`);
    });
}
