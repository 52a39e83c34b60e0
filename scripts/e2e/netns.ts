// Re-runs the current Node script inside a private network namespace whose only interface is `lo`,
// so that Chromium's ICE and every SIP packet stay on 127.0.0.1. Needs root (CI and these
// machines run as root); elsewhere the suite runs on the host's loopback with a warning.
import { spawnSync } from 'node:child_process';

/** Returns only inside the namespace (or when one cannot be made); otherwise exits with the child's status. */
export function enterLoopbackNamespace(): void {
  if (process.env.SB_E2E_NETNS === '1' || process.env.SB_E2E_NO_NETNS === '1') return;
  if (process.getuid?.() !== 0) {
    console.warn('[e2e] not root: running on the host network (ICE may use other interfaces)');
    return;
  }
  const result = spawnSync(
    'unshare',
    [
      '-n',
      '--',
      'sh',
      '-c',
      'ip link set lo up && exec "$0" "$@"',
      process.execPath,
      ...process.execArgv,
      ...process.argv.slice(1),
    ],
    { stdio: 'inherit', env: { ...process.env, SB_E2E_NETNS: '1' } },
  );
  if (result.error) {
    console.warn(
      `[e2e] cannot enter a network namespace (${result.error.message}); running on the host network`,
    );
    return;
  }
  process.exit(result.status ?? 1);
}
