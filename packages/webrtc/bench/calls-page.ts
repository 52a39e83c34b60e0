// Runs inside headless Chromium for `npm run bench:calls`: two phones registered on one Kamailio,
// N sequential calls, each timed from `call()` to `connected` (ICE gathering included).
import { Phone } from '../src/phone/phone.js';
import { JsSipTransport } from '../src/jssip/jssip-transport.js';

interface BenchConfig {
  wsUrl: string;
  domain: string;
  users: Record<string, string>;
  calls: number;
}

const microphone = {
  acquire: () => navigator.mediaDevices.getUserMedia({ audio: true, video: false }),
  release: (stream: MediaStream | undefined) => stream?.getTracks().forEach((t) => t.stop()),
};

function phone(user: string, cfg: BenchConfig, autoAnswer: boolean): Phone {
  const transport = new JsSipTransport({
    uri: `sip:${user}@${cfg.domain}`,
    password: cfg.users[user] ?? '',
    servers: [cfg.wsUrl],
  });
  return new Phone({
    transport,
    media: microphone,
    wrapUp: 'auto',
    ...(autoAnswer ? { autoAnswer: { delayMs: 0 } } : {}),
  });
}

async function run(
  cfg: BenchConfig,
): Promise<{ setupMs: number[]; failed: number; errors: string[] }> {
  const a = phone('alice', cfg, false);
  const b = phone('bob', cfg, true);
  await Promise.all([a.start(), b.start()]);
  const setupMs: number[] = [];
  const errors: string[] = [];
  let failed = 0;
  for (let i = 0; i < cfg.calls; i++) {
    const t0 = performance.now();
    try {
      const call = a.call('bob');
      await call.when('connected');
      setupMs.push(performance.now() - t0);
      call.hangup();
      await call.when('ended');
      await new Promise((r) => setTimeout(r, 100));
    } catch (error) {
      failed += 1;
      errors.push(String(error));
    }
  }
  a.stop();
  b.stop();
  return { setupMs, failed, errors };
}

(globalThis as unknown as { switchboardBench: typeof run }).switchboardBench = run;
