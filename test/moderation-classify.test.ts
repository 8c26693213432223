// `parley classify` as a real child process: JSON Lines in, one decision per line out, in order,
// streamed; malformed lines reported on stderr with their line numbers while the run goes on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { LABELS } from '../src/moderation/types.js';

const CLI = ['--import', 'tsx', 'src/cli/main.ts', 'classify'];

function classify(stdin: string, args: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI, ...args], { cwd: new URL('..', import.meta.url).pathname });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const lines = (s: string) => s.split('\n').filter(Boolean);

test('one output line per input line, in input order, with all nine scores and reasons with spans', { timeout: 60_000 }, async () => {
  const inputs = [
    { id: 'a', text: 'Thanks for the careful reporting on the council budget.', story: { title: 'Council budget', body: 'The council voted.' } },
    { id: 'b', text: 'CHECK OUT MY CHANNEL bit.ly/xyz and EARN $500 A DAY FROM HOME', author: { name: 'promo' } },
    { id: 'c', text: 'I think the mayor is wrong about the buses.' },
    { id: 42, text: 'Numbers are fine as ids.' },
  ];
  const { code, stdout, stderr } = await classify(inputs.map((i) => JSON.stringify(i)).join('\n') + '\n');
  assert.equal(code, 0, stderr);
  const out = lines(stdout).map((l) => JSON.parse(l));
  assert.deepEqual(out.map((o) => o.id), ['a', 'b', 'c', 42]);
  for (const o of out) {
    assert.deepEqual(Object.keys(o), ['id', 'decision', 'scores', 'reasons']);
    assert.ok(['publish', 'review', 'reject'].includes(o.decision));
    assert.deepEqual(Object.keys(o.scores).sort(), [...LABELS].sort());
    for (const v of Object.values(o.scores) as number[]) assert.ok(v >= 0 && v <= 1);
    for (const r of o.reasons) {
      assert.deepEqual(Object.keys(r), ['label', 'score', 'spans']);
      for (const span of r.spans) assert.ok(Array.isArray(span) && span.length === 2 && span[0] < span[1]);
    }
  }
  const spam = out[1];
  assert.equal(spam.decision, 'reject');
  const reason = spam.reasons.find((r: { label: string }) => r.label === 'spam');
  assert.ok(reason.spans.some(([s, e]: [number, number]) => inputs[1].text.slice(s, e) === 'bit.ly/xyz'));
});

test('a malformed line gets an error on stderr naming its line number, and the run goes on', { timeout: 60_000 }, async () => {
  const stdin = [
    '{"id":"1","text":"First comment about the budget."}',
    '{"id":"2","text":',
    '',
    '{"id":"3"}',
    '["not", "an", "object"]',
    '{"id":"4","text":"Last comment about the budget."}',
  ].join('\n');
  const { code, stdout, stderr } = await classify(stdin);
  assert.equal(code, 0);
  assert.deepEqual(lines(stdout).map((l) => JSON.parse(l).id), ['1', '4']);
  const errors = lines(stderr).filter((l) => l.startsWith('line '));
  assert.equal(errors.length, 3, stderr);
  assert.match(errors[0], /^line 2: not valid JSON/);
  assert.match(errors[1], /^line 4: "text" must be a string/);
  assert.match(errors[2], /^line 5: expected a JSON object/);
});

test('--policy premod holds everything; an unknown policy is refused with a message', { timeout: 60_000 }, async () => {
  const { stdout } = await classify('{"id":"1","text":"Thanks for the report."}\n', ['--policy', 'premod']);
  assert.equal(JSON.parse(stdout).decision, 'review');
  const bad = await classify('', ['--policy', 'lenient']);
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /lenient/);
  assert.match(bad.stderr, /auto, premod, postmod/);
});

test('streams: each line is answered before the next one is sent', { timeout: 60_000 }, async () => {
  const child = spawn(process.execPath, CLI, { cwd: new URL('..', import.meta.url).pathname });
  const out = createInterface({ input: child.stdout });
  const it = out[Symbol.asyncIterator]();
  for (const id of ['x1', 'x2', 'x3']) {
    child.stdin.write(JSON.stringify({ id, text: `Comment ${id} on the budget.` }) + '\n');
    const { value } = await it.next();
    assert.equal(JSON.parse(value as string).id, id);
  }
  child.stdin.end();
  await once(child, 'close');
});
