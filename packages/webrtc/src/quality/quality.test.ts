import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { VirtualClock } from '@switchboard/core/shared';
import { estimateMos } from './mos.js';
import { qualityBetween } from './quality-sample.js';
import { QualityMonitor } from './quality-monitor.js';
import type { QualityEvent } from './quality-monitor.js';

test('MOS: a clean loopback call scores high, a bad one low', () => {
  assert.ok(estimateMos({ rttMs: 1, jitterMs: 0, packetLossPct: 0 }) >= 4.4);
  assert.ok(estimateMos({ rttMs: 600, jitterMs: 60, packetLossPct: 10 }) < 2.5);
  assert.equal(estimateMos({ rttMs: Number.NaN, jitterMs: -5, packetLossPct: 500 }), 1);
});

test('property: MOS stays in 1..4.5 and never improves when any input worsens', () => {
  const input = fc.record({
    rttMs: fc.double({ min: 0, max: 3000, noNaN: true }),
    jitterMs: fc.double({ min: 0, max: 500, noNaN: true }),
    packetLossPct: fc.double({ min: 0, max: 100, noNaN: true }),
  });
  fc.assert(
    fc.property(input, fc.double({ min: 0, max: 100, noNaN: true }), (i, extra) => {
      const mos = estimateMos(i);
      assert.ok(mos >= 1 && mos <= 4.5);
      assert.ok(estimateMos({ ...i, rttMs: i.rttMs + extra }) <= mos + 1e-9);
      assert.ok(estimateMos({ ...i, jitterMs: i.jitterMs + extra }) <= mos + 1e-9);
      assert.ok(
        estimateMos({ ...i, packetLossPct: Math.min(100, i.packetLossPct + extra) }) <= mos + 1e-9,
      );
    }),
  );
});

test('a sample is computed from two stats snapshots', () => {
  const s = qualityBetween(
    {
      at: 0,
      packetsReceived: 100,
      packetsLost: 0,
      bytesReceived: 10_000,
      bytesSent: 10_000,
      jitterS: 0.001,
      rttS: 0.02,
    },
    {
      at: 1000,
      packetsReceived: 145,
      packetsLost: 5,
      bytesReceived: 14_000,
      bytesSent: 15_000,
      jitterS: 0.004,
      rttS: 0.04,
    },
  );
  assert.equal(s.packetLossPct, 10);
  assert.equal(s.rttMs, 40);
  assert.equal(s.jitterMs, 4);
  assert.equal(s.inboundKbps, 32);
  assert.equal(s.outboundKbps, 40);
});

test('the monitor raises and clears warnings as stats change', async () => {
  const clock = new VirtualClock(0);
  let received = 0;
  let lost = 0;
  const pc = {
    getStats: () =>
      Promise.resolve(
        new Map<string, object>([
          [
            'in',
            {
              type: 'inbound-rtp',
              kind: 'audio',
              packetsReceived: received,
              packetsLost: lost,
              bytesReceived: received * 100,
              jitter: 0.002,
            },
          ],
          ['rin', { type: 'remote-inbound-rtp', roundTripTime: 0.01 }],
        ]),
      ),
  };
  const monitor = new QualityMonitor(() => pc as never, { clock });
  const events: QualityEvent[] = [];
  monitor.onEvent((e) => events.push(e));
  await monitor.sampleNow();
  received += 50;
  await monitor.sampleNow();
  assert.equal(events.filter((e) => e.type === 'warning').length, 0);
  received += 40;
  lost += 10;
  await monitor.sampleNow();
  assert.ok(events.some((e) => e.type === 'warning' && e.kind === 'high-packet-loss'));
  received += 50;
  await monitor.sampleNow();
  assert.ok(events.some((e) => e.type === 'warning-cleared' && e.kind === 'high-packet-loss'));
  await monitor.sampleNow();
  assert.ok(events.some((e) => e.type === 'warning' && e.kind === 'no-inbound-audio'));
});
