// Moderator sign-in through real HTTP on SQLite and PostgreSQL: sessions, CSRF, throttling, roles.
import assert from 'node:assert/strict';
import { forEachDatabase } from './helpers/databases.js';
import { startTestServer, request } from './helpers/server.js';
import { makeUser, signIn, PASSWORD } from './helpers/admin.js';

forEachDatabase('admin login: good and bad credentials, session cookie, /me, logout', async (store) => {
  await makeUser(store, 'mod@example.com', 'moderator');
  const server = await startTestServer(store);
  try {
    const base = server.baseUrl;
    const bad = await request(base, '/api/v1/admin/login', { body: { email: 'mod@example.com', password: 'wrong password!' } });
    assert.equal(bad.status, 401);
    assert.equal(bad.body.error, 'The email address or password is not correct.');
    assert.equal(bad.headers.get('set-cookie'), null);

    const unknown = await request(base, '/api/v1/admin/login', { body: { email: 'nobody@example.com', password: PASSWORD } });
    assert.equal(unknown.status, 401);

    const missing = await request(base, '/api/v1/admin/login', { body: { email: '' } });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.errors.email, 'Please enter your email address.');
    assert.equal(missing.body.errors.password, 'Please enter your password.');

    const malformed = await request(base, '/api/v1/admin/login', { rawBody: '{"email":' });
    assert.equal(malformed.status, 400);

    const ok = await request(base, '/api/v1/admin/login', { body: { email: 'MOD@example.com ', password: PASSWORD } });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.user.email, 'mod@example.com');
    assert.equal(ok.body.user.role, 'moderator');
    assert.equal(typeof ok.body.csrfToken, 'string');
    assert.ok(ok.body.csrfToken.length >= 32);
    const cookie = ok.headers.get('set-cookie') ?? '';
    assert.match(cookie, /^parley_session=[A-Za-z0-9_-]{40,};/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    const token = cookie.split(';')[0].split('=')[1];

    // The database holds only a hash of the session token.
    const rows = await store.db.selectFrom('sessions').selectAll().execute();
    assert.equal(rows.length, 1);
    assert.notEqual(rows[0].token_hash, token);
    assert.equal(rows[0].token_hash.length, 64);
    // The stored password is an argon2id digest.
    const user = await store.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
    assert.match(user.password_hash, /^\$argon2id\$/);

    const me = await request(base, '/api/v1/admin/me', { headers: { cookie: cookie.split(';')[0] } });
    assert.equal(me.status, 200);
    assert.equal(me.body.user.email, 'mod@example.com');
    assert.equal(me.body.csrfToken, ok.body.csrfToken);
    assert.equal(me.headers.get('cache-control'), 'no-store');

    const logoutNoCsrf = await request(base, '/api/v1/admin/logout', { method: 'POST', headers: { cookie: cookie.split(';')[0] } });
    assert.equal(logoutNoCsrf.status, 403);
    const logout = await request(base, '/api/v1/admin/logout', {
      method: 'POST',
      headers: { cookie: cookie.split(';')[0], 'x-csrf-token': ok.body.csrfToken },
    });
    assert.equal(logout.status, 200);
    assert.match(logout.headers.get('set-cookie') ?? '', /Max-Age=0/);
    const after = await request(base, '/api/v1/admin/me', { headers: { cookie: cookie.split(';')[0] } });
    assert.equal(after.status, 401);
    assert.deepEqual(after.body, { error: 'Please sign in.' });
  } finally {
    await server.close();
  }
});

forEachDatabase('admin routes need a session (401) and a matching CSRF token on writes (403)', async (store) => {
  await makeUser(store, 'mod@example.com');
  const server = await startTestServer(store);
  try {
    const base = server.baseUrl;
    for (const [method, path] of [
      ['GET', '/me'],
      ['GET', '/queue'],
      ['GET', '/audit'],
      ['GET', '/stats'],
      ['GET', '/sites'],
      ['GET', '/users'],
      ['POST', '/comments/x/approve'],
      ['POST', '/comments/batch'],
      ['PATCH', '/sites/news'],
    ]) {
      const res = await request(base, `/api/v1/admin${path}`, { method, ...(method === 'GET' ? {} : { body: {} }) });
      assert.equal(res.status, 401, `${method} ${path}`);
      assert.deepEqual(res.body, { error: 'Please sign in.' });
    }
    const forged = await request(base, '/api/v1/admin/queue', { headers: { cookie: 'parley_session=not-a-real-session' } });
    assert.equal(forged.status, 401);

    const client = await signIn(base, 'mod@example.com');
    const other = await signIn(base, 'mod@example.com'); // a second session has its own token
    assert.notEqual(client.csrfToken, other.csrfToken);
    const noToken = await client.send('POST', '/comments/batch', { ids: ['a'], action: 'approve' }, { 'x-csrf-token': '' });
    assert.equal(noToken.status, 403);
    assert.match(noToken.body.error, /X-CSRF-Token/);
    const wrongToken = await client.send('POST', '/comments/batch', { ids: ['a'], action: 'approve' }, { 'x-csrf-token': other.csrfToken });
    assert.equal(wrongToken.status, 403);
    const withToken = await client.send('POST', '/comments/batch', { ids: ['a'], action: 'approve' });
    assert.equal(withToken.status, 404); // passed the guard; the comment does not exist
    assert.match(withToken.body.error, /no comment with the id a/);
  } finally {
    await server.close();
  }
});

forEachDatabase('login throttling: 5 failures per email, 20 per address, then 429 even with the right password', async (store) => {
  await makeUser(store, 'target@example.com');
  await makeUser(store, 'other@example.com');
  const server = await startTestServer(store);
  try {
    const base = server.baseUrl;
    for (let i = 0; i < 5; i++) {
      const res = await request(base, '/api/v1/admin/login', { body: { email: 'target@example.com', password: `guess-${i}` } });
      assert.equal(res.status, 401, `attempt ${i + 1}`);
    }
    const blocked = await request(base, '/api/v1/admin/login', { body: { email: 'target@example.com', password: PASSWORD } });
    assert.equal(blocked.status, 429);
    assert.match(blocked.body.error, /^Too many failed sign-in attempts\. Please wait 15 minutes and try again\.$/);
    assert.ok(Number(blocked.headers.get('retry-after')) > 800);
    // Another account from the same address is not blocked yet.
    const other = await request(base, '/api/v1/admin/login', { body: { email: 'other@example.com', password: PASSWORD } });
    assert.equal(other.status, 200);

    // Failures against many emails from one address: the address is blocked after 20 in the window.
    for (let i = 5; i < 20; i++) {
      const res = await request(base, '/api/v1/admin/login', { body: { email: `spray${i}@example.com`, password: 'nope nope' } });
      assert.equal(res.status, 401, `spray ${i}`);
    }
    const byAddress = await request(base, '/api/v1/admin/login', { body: { email: 'other@example.com', password: PASSWORD } });
    assert.equal(byAddress.status, 429);
  } finally {
    await server.close();
  }
}, { timeout: 120_000 });

forEachDatabase('users API is admin only; admins create and remove moderators', async (store) => {
  await makeUser(store, 'boss@example.com', 'admin');
  await makeUser(store, 'mod@example.com', 'moderator');
  const server = await startTestServer(store);
  try {
    const base = server.baseUrl;
    const mod = await signIn(base, 'mod@example.com');
    const modList = await mod.get('/users');
    assert.equal(modList.status, 403);
    assert.equal(modList.body.error, 'Only an admin can do this.');
    assert.equal((await mod.send('POST', '/users', { email: 'x@example.com', password: 'long enough pw' })).status, 403);

    const admin = await signIn(base, 'boss@example.com');
    const list = await admin.get('/users');
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.users.map((u: { email: string }) => u.email).sort(), ['boss@example.com', 'mod@example.com']);
    assert.ok(list.body.users.every((u: Record<string, unknown>) => !('password_hash' in u) && !('passwordHash' in u)));

    const short = await admin.send('POST', '/users', { email: 'new@example.com', password: 'short' });
    assert.equal(short.status, 400);
    assert.equal(short.body.errors.password, 'The password must be at least 10 characters long.');
    const badRole = await admin.send('POST', '/users', { email: 'new@example.com', password: 'long enough pw', role: 'owner' });
    assert.equal(badRole.status, 400);
    assert.equal(badRole.body.errors.role, 'The role must be "admin" or "moderator".');
    const created = await admin.send('POST', '/users', { email: 'new@example.com', password: 'long enough pw' });
    assert.equal(created.status, 201);
    assert.equal(created.body.user.role, 'moderator');
    const dup = await admin.send('POST', '/users', { email: 'NEW@example.com', password: 'long enough pw' });
    assert.equal(dup.status, 409);
    assert.match(dup.body.error, /already exists/);

    const newcomer = await signIn(base, 'new@example.com', 'long enough pw');
    assert.equal(newcomer.user.role, 'moderator');

    const self = await admin.send('DELETE', `/users/${admin.user.id}`);
    assert.equal(self.status, 409);
    const removed = await admin.send('DELETE', '/users', { email: 'new@example.com' });
    assert.equal(removed.status, 200);
    assert.equal(removed.body.removed.email, 'new@example.com');
    // The removed account's session no longer works.
    assert.equal((await newcomer.get('/me')).status, 401);
    const gone = await admin.send('DELETE', '/users/does-not-exist');
    assert.equal(gone.status, 404);

    const audit = await admin.get('/audit');
    assert.deepEqual(audit.body.entries.map((e: { action: string }) => e.action), ['user.delete', 'user.create']);
    assert.equal(audit.body.entries[0].actor.email, 'boss@example.com');
  } finally {
    await server.close();
  }
});
