import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RtpengineRecorder } from './rtpengine-recorder.js';
import type { BencodeDictionary } from './bencode.js';
import { KamailioError } from './kamailio-error.js';

test('starts and stops recording by Call-ID, tagged with the interaction, and finds its pcap files', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-recorder-'));
  try {
    mkdirSync(join(dir, 'pcaps'));
    mkdirSync(join(dir, 'metadata'));
    const pcap = join(dir, 'pcaps', 'abc%40trunk-1f.pcap');
    writeFileSync(pcap, '');
    writeFileSync(join(dir, 'pcaps', 'other%40trunk-2e.pcap'), '');
    writeFileSync(join(dir, 'metadata', 'rtpengine-meta-abc%40trunk-1f.txt'), `${pcap}\n\nmeta`);
    const sent: BencodeDictionary[] = [];
    const recorder = new RtpengineRecorder({
      media: { command: (m) => (sent.push(m), Promise.resolve({ result: 'ok' })) },
      recordingDir: dir,
    });
    await recorder.start('abc@trunk', 'call-1');
    const recording = await recorder.stop('abc@trunk', 'call-1');
    assert.deepEqual(
      sent.map((m) => [m.command, m['call-id'], m.metadata]),
      [
        ['start recording', 'abc@trunk', 'interaction:call-1'],
        ['stop recording', 'abc@trunk', undefined],
      ],
    );
    assert.deepEqual(recording, { interactionId: 'call-1', callId: 'abc@trunk', files: [pcap] });
    await assert.rejects(recorder.start('../etc/passwd', 'call-1'), KamailioError);
    await assert.rejects(recorder.start('abc', '__proto__ bad'), KamailioError);
    assert.throws(
      () =>
        new RtpengineRecorder({
          media: { command: () => Promise.resolve({}) },
          recordingDir: 'rel',
        }),
      KamailioError,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
