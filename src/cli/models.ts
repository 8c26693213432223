// `parley train` and `parley eval`.
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { hasDatasets } from '../models/datasets.js';

function progressBar(enabled: boolean) {
  if (!enabled) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { format: ' {bar} {percentage}% | {value}/{total} | {step}', hideCursor: true, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done: number, total: number, step: string) {
      if (!started) { bar.start(total, 0, { step }); started = true; }
      bar.setTotal(total);
      bar.update(done, { step });
    },
    stop() { if (started) bar.stop(); },
  };
}

function requireData(dir: string): string {
  const abs = resolve(dir);
  if (!hasDatasets(abs)) {
    console.error(`No datasets found in ${abs} (expected jigsaw-toxic-binary-sample/ and the other sets there). Pass --data DIR.`);
    process.exit(2);
  }
  return abs;
}

export function registerModelCommands(program: Command): void {
  program
    .command('train')
    .description('train the learned models on the licensed datasets and write them to the models folder')
    .option('--data <dir>', 'datasets folder', '../shared/datasets')
    .option('--out <dir>', 'output folder for the model files', 'models')
    .action(async (opts: { data: string; out: string }) => {
      const dataDir = requireData(opts.data);
      const { trainAll, writeModels, writeModelCard } = await import('../models/train.js');
      const bar = progressBar(process.stderr.isTTY ?? false);
      const log = process.stderr.isTTY ? () => {} : (done: number, total: number, step: string) => console.error(`[${done}/${total}] ${step}`);
      const started = Date.now();
      const trained = trainAll(dataDir, (d, t, s) => { bar.update(d, t, s); log(d, t, s); });
      bar.stop();
      const files = writeModels(opts.out, trained);
      files.push(writeModelCard(opts.out, trained.manifest));
      console.log(`Trained in ${((Date.now() - started) / 1000).toFixed(1)} s. Wrote:\n  ${files.join('\n  ')}`);
      for (const [label, m] of Object.entries(trained.manifest.labels)) {
        console.log(`  ${label}: val ROC-AUC ${m.val.roc_auc.toFixed(4)}${m.test ? `, test ROC-AUC ${m.test.roc_auc.toFixed(4)}` : ''}`);
      }
    });

  program
    .command('eval')
    .description('evaluate the committed models and the TF-IDF baseline on every evaluation set')
    .option('--data <dir>', 'datasets folder', '../shared/datasets')
    .option('--models <dir>', 'models folder (default: the committed models)')
    .option('--json', 'print one JSON object instead of the table')
    .option('--report <dir>', 'write REPORT.md and ROC curves (SVG) to this folder')
    .action(async (opts: { data: string; models?: string; json?: boolean; report?: string }) => {
      const dataDir = requireData(opts.data);
      if (opts.models && !existsSync(join(opts.models, 'manifest.json'))) {
        console.error(`No models in ${resolve(opts.models)} (manifest.json missing). Run \`parley train --out ${opts.models}\` first.`);
        process.exit(2);
      }
      const { evaluate, toJson } = await import('../models/evaluate.js');
      const bar = progressBar(!opts.json && (process.stderr.isTTY ?? false));
      const result = evaluate(dataDir, opts.models, (d, t, s) => bar.update(d, t, s));
      bar.stop();
      if (opts.report) {
        const { writeReport } = await import('../models/report.js');
        writeReport(opts.report, result, { dataDir: opts.data, date: new Date().toISOString().slice(0, 10), command: 'parley eval --report ' + opts.report });
      }
      if (opts.json) {
        console.log(JSON.stringify(toJson(result)));
        return;
      }
      const f = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : ' n/a ');
      console.log('set/label                  | Parley ROC  PR    F1    | Baseline ROC  PR    F1');
      for (const [key, s] of Object.entries(result.sets)) {
        console.log(
          `${key.padEnd(26)} | ${f(s.parley.roc_auc)} ${f(s.parley.pr_auc)} ${f(s.parley.f1)} | ${f(s.baseline.roc_auc)} ${f(s.baseline.pr_auc)} ${f(s.baseline.f1)}` +
            (s.length_only ? `   (length only ROC ${f(s.length_only.roc_auc)})` : ''),
        );
      }
      console.log(`latency per comment: median ${result.latency_ms.p50.toFixed(3)} ms, p99 ${result.latency_ms.p99.toFixed(3)} ms; model load ${result.load_ms.toFixed(1)} ms`);
      if (opts.report) console.log(`report written to ${join(opts.report, 'REPORT.md')}`);
    });
}
