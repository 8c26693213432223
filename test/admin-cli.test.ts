// `parley admin create` as a real process against SQLite (--data) and PostgreSQL (DATABASE_URL),
// then signing in with the new account over HTTP.
import assert from 'node:assert/strict';
import { forEachDatabase, runCli } from './helpers/databases.js';
import { startTestServer } from './helpers/server.js';
import { signIn } from './helpers/admin.js';

forEachDatabase('parley admin create: help, short password, success, duplicate, sign-in', async (store, _t, database) => {
  const help = runCli(database, ['admin', 'create', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--email <email>/);
  assert.match(help.stdout, /--password <password>/);
  assert.match(help.stdout, /--role <role>/);
  assert.match(help.stdout, /--data <dir>/);

  const short = runCli(database, ['admin', 'create', '--email', 'chief@example.com', '--password', 'short']);
  assert.equal(short.code, 1);
  assert.match(short.stderr, /The password must be at least 10 characters long\./);

  const badRole = runCli(database, ['admin', 'create', '--email', 'chief@example.com', '--password', 'long enough pw', '--role', 'king']);
  assert.equal(badRole.code, 2);
  assert.match(badRole.stderr, /--role must be "admin" or "moderator"/);

  const ok = runCli(database, ['admin', 'create', '--email', 'Chief@Example.com', '--password', 'long enough pw']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /Created admin account chief@example\.com/);

  const mod = runCli(database, ['admin', 'create', '--email', 'desk@example.com', '--password', 'long enough pw', '--role', 'moderator']);
  assert.equal(mod.code, 0, mod.stderr);

  const dup = runCli(database, ['admin', 'create', '--email', 'chief@example.com', '--password', 'another long one']);
  assert.equal(dup.code, 1);
  assert.match(dup.stderr, /An account with the email chief@example\.com already exists\./);

  const users = await store.db.selectFrom('users').select(['email', 'role']).orderBy('email').execute();
  assert.deepEqual(users, [
    { email: 'chief@example.com', role: 'admin' },
    { email: 'desk@example.com', role: 'moderator' },
  ]);

  const server = await startTestServer(store);
  try {
    const chief = await signIn(server.baseUrl, 'chief@example.com', 'long enough pw');
    assert.equal(chief.user.role, 'admin');
  } finally {
    await server.close();
  }
}, { timeout: 120_000 });
