// The database helper: PostgreSQL unreachable is a visible skip locally and a failure under CI=true.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

// NODE_TEST_CONTEXT would make the inner runner report to this one instead of printing TAP.
const { NODE_TEST_CONTEXT: _inner, ...outerEnv } = process.env;
const run = (ci: boolean) =>
  spawnSync(process.execPath, ['--import', 'tsx', '--test', 'test/fixtures/core-pg-unreachable.fixture.ts'], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...outerEnv, PARLEY_TEST_PG: 'postgres://postgres@127.0.0.1:9/test', CI: ci ? 'true' : '' },
  });

test('unreachable PostgreSQL: skipped with a message locally, a failure under CI', { timeout: 120_000 }, () => {
  const local = run(false);
  assert.equal(local.status, 0, local.stdout + local.stderr);
  assert.match(local.stdout, /SKIPPED on PostgreSQL \(unreachable at postgres:\/\/postgres@127\.0\.0\.1:9\/test/);
  assert.match(local.stdout, /# pass 1/);
  assert.match(local.stdout, /# skipped 1/);

  const ci = run(true);
  assert.notEqual(ci.status, 0);
  assert.match(ci.stdout, /unreachable under CI/);
  assert.match(ci.stdout, /# pass 1/, 'the SQLite half still runs');
});
