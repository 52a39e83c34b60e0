#!/usr/bin/env node
// `npm test`: runs every suite in turn (Node, browser, Storybook screenshots, SIP end-to-end, and the
// consumer test of the packed tarballs), streams their output, and
// closes with one line that adds up their counts. Exits non-zero if any suite fails.
import { spawn } from 'node:child_process';
import { clearTimeout, setTimeout } from 'node:timers';

const suites = ['test:node', 'test:browser', 'test:screenshots', 'test:e2e', 'test:consumer'];
// A suite that hangs must still end the run with a report: each gets this long (minutes, default
// 25; `SB_SUITE_TIMEOUT_MIN` overrides), then its whole process group is killed and counted failed.
const suiteTimeoutMs = Number(process.env.SB_SUITE_TIMEOUT_MIN ?? 25) * 60_000;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let passed = 0;
let failed = 0;
let exitCode = 0;

function run(script) {
  return new Promise((resolve) => {
    const child = spawn(npm, ['run', '--silent', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true, // its own process group, so that the watchdog reaches Chromium and Kamailio too
    });
    const started = Date.now();
    const watchdog = setTimeout(() => {
      console.log(`\n${script} still running after ${suiteTimeoutMs / 60_000} min: killed`);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, suiteTimeoutMs);
    let tail = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      tail = (tail + chunk.toString()).slice(-4000);
    });
    child.on('close', (code) => {
      clearTimeout(watchdog);
      console.log(`[${script}: ${Math.round((Date.now() - started) / 1000)} s]`);
      resolve({ code: code ?? 1, tail });
    });
  });
}

for (const script of suites) {
  const { code, tail } = await run(script);
  // Node's runner ends with "ℹ pass N" / "ℹ fail N"; the browser runners with "N passed, N failed".
  const node = /ℹ pass (\d+)[\s\S]*?ℹ fail (\d+)/.exec(tail);
  const plain = [...tail.matchAll(/(\d+) passed, (\d+) failed/g)].at(-1);
  const counts = node ?? plain;
  if (counts) {
    passed += Number(counts[1]);
    failed += Number(counts[2]);
  }
  if (code !== 0) {
    exitCode = code;
    if (!counts || Number(counts[2]) === 0) failed += 1; // a suite that crashed counts as a failure
    console.log(`\n${script} failed (exit ${code}); later suites skipped`);
    break;
  }
}
console.log(`\nall suites: ${passed} passed, ${failed} failed`);
process.exit(exitCode);
