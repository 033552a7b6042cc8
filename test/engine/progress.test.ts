/**
 * Progress events from a real run (the shipped example: a real ONNX model, real CSVs): they arrive for inference,
 * every robustness attack at every epsilon and the bootstraps; their counts agree with the report; and the report
 * is byte-identical with and without a sink. Then the CLI: progress lines on stderr, none on stdout.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { runGate } from '../../src/engine/run.ts';
import { workingTreeFiles } from '../../src/engine/working-tree.ts';
import { main } from '../../src/cli.ts';
import type { ProgressEvent } from '../../src/types/progress.ts';
import { copyExample } from '../helpers/example.ts';
import { quietLog } from '../helpers/workspace.ts';

async function run(ws: string, progress?: (e: ProgressEvent) => void) {
  const files = workingTreeFiles(ws);
  return runGate({ workspace: ws, workingDirectory: ws, policyPath: 'model-gate.yml', mode: 'enforce', trusted: files, head: files, changedFiles: null, log: quietLog, threads: 1, progress });
}

test('events arrive for every long stage, add up to the points attacked, and change no report byte', async () => {
  const ws = copyExample();
  try {
    const events: ProgressEvent[] = [];
    const withSink = await run(ws, (e) => events.push(e));
    const without = await run(ws);
    const strip = (r: object) => JSON.stringify({ ...r, timings: undefined }, null, 2);
    assert.equal(withSink.verdict, without.verdict);
    assert.equal(strip(withSink), strip(without));

    // Every task: one start, then updates, then one end, never interleaved with another task.
    const tasks: { task: string; events: ProgressEvent[] }[] = [];
    for (const e of events) {
      if (e.phase === 'start') tasks.push({ task: e.task, events: [e] });
      else {
        const cur = tasks[tasks.length - 1];
        assert.equal(cur.task, e.task, `${e.task} interleaved with ${cur.task}`);
        assert.notEqual(cur.events[cur.events.length - 1].phase, 'end', `${e.task}: an event after its end`);
        cur.events.push(e);
      }
    }
    for (const t of tasks) {
      const evs = t.events;
      assert.equal(evs[evs.length - 1].phase, 'end', `${t.task} has a final event`);
      for (const e of evs) {
        assert.ok(e.done >= 0 && e.done <= e.total, `${t.task}: ${e.done}/${e.total}`);
        if (e.broken !== undefined) assert.ok(e.broken <= e.done, `${t.task}: ${e.broken} broken of ${e.done} done`);
        if (e.remainingQueries !== undefined) assert.ok(e.remainingQueries >= 0);
      }
      for (let k = 1; k < evs.length; k++) {
        assert.ok(evs[k].done >= evs[k - 1].done, `${t.task}: done goes back`);
        if (evs[k].queries !== undefined && evs[k - 1].queries !== undefined) assert.ok(evs[k].queries! >= evs[k - 1].queries!);
      }
    }
    const byTask = (re: RegExp) => tasks.filter((t) => re.test(t.task));

    // Inference: one task per dataset the gates use, its rows those of the report.
    for (const [name, d] of Object.entries(withSink.datasets)) {
      const inf = byTask(new RegExp(`^model model/model\\.onnx on dataset ${name} \\(batch \\d+\\)$`));
      assert.equal(inf.length, 1, name);
      assert.equal(inf[0].events[inf[0].events.length - 1].done, d.rows);
    }

    // Robustness: per epsilon, the attacks of the report in order; each starts on the points the previous left.
    const rob = withSink.gates.robustness!;
    assert.equal(rob.status, 'pass');
    const det = rob.details as any;
    for (const pe of det.per_epsilon) {
      let left = det.points_attacked - pe.carried_over;
      let broken = pe.carried_over;
      for (const a of pe.attacks) {
        const t = byTask(new RegExp(`^robustness: ${a.name} eps=${pe.epsilon}$`));
        if (a.skipped) { assert.equal(t.length, 0, `${a.name} skipped: no events`); continue; }
        assert.equal(t.length, 1, `${a.name} eps=${pe.epsilon}`);
        const [start, ...rest] = t[0].events;
        const end = rest[rest.length - 1];
        assert.equal(start.total, left, `${a.name} eps=${pe.epsilon} starts on the points still standing`);
        assert.equal(end.done, left);
        assert.equal(end.broken, a.points_broken);
        assert.equal(end.queries, a.queries);
        assert.ok(rest.length >= 2, `${a.name}: updates while it runs`);
        // the attack's own last update: every point finished, nothing left to spend
        const last = rest[rest.length - 2];
        assert.equal(last.done, left);
        assert.equal(last.remainingQueries, 0);
        assert.ok(last.broken! >= a.points_broken, 'claimed >= confirmed');
        left -= a.points_broken;
        broken += a.points_broken;
      }
      assert.equal(broken, pe.points_broken, `eps ${pe.epsilon}: the broken points add up`);
    }
    assert.ok(byTask(/^robustness: /).length >= 4);

    // Bootstraps: memorisation (500 resamples, one thread at this size) and fairness (the default 1000).
    const mem = byTask(/^memorisation: bootstrap$/);
    assert.equal(mem.length, 1);
    assert.deepEqual([mem[0].events[0].total, mem[0].events[mem[0].events.length - 1].done], [500, 500]);
    assert.ok(mem[0].events.some((e) => e.phase === 'update' && e.done > 0 && e.done < 500));
    const fair = byTask(/^fairness: bootstrap$/);
    assert.equal(fair.length, 1);
    assert.equal(fair[0].events[fair[0].events.length - 1].done, 1000);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test('check: progress lines on stderr (whole lines when stderr is not a terminal), the report on stdout', async () => {
  const ws = copyExample();
  try {
    let out = '', err = '';
    const code = await main(['check', '--workspace', ws, '--policy', 'model-gate.yml'], { stdout: { write: (s: string) => { out += s; return true; } }, stderr: { write: (s: string) => { err += s; return true; } } });
    assert.equal(code, 0);
    assert.doesNotMatch(err, /\r/);
    // whole lines; a stage of less than 1 s (all of them on this small model) prints its final line only
    assert.doesNotMatch(err, /— 0\/\d+ (points|rows|resamples)$/m);
    assert.match(err, /^robustness: apgd-ce eps=0\.1 — (\d+)\/\1 points, \d+ broken, \d+ queries in \d+\.\d s/m);
    assert.match(err, /^memorisation: bootstrap — 500\/500 resamples in \d+\.\d s/m);
    assert.doesNotMatch(out, /— \d+\/\d+ (points|rows|resamples)/);
    assert.match(out, /^Gate robustness: pass$/m);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});
