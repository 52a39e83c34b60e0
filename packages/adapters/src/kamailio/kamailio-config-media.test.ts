import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { ValidationError } from '@switchboard/core/shared';
import { renderKamailioConfig, validateKamailioConfig } from './kamailio-config.js';
import type { KamailioConfigOptions } from './kamailio-config.js';

const base: KamailioConfigOptions = {
  users: { alice: 'pw' },
  queues: ['support'],
  trustedAddresses: ['203.0.113.7'],
  udpPort: 25070,
  wsPort: 28090,
  controlPort: 28091,
  evapiPort: 28458,
};

test('reports every invalid media option with its path', () => {
  const issues = validateKamailioConfig({
    ...base,
    rtpengine: {
      host: 'rtpengine.example',
      port: 0,
      transcode: { toTrunk: ['PCMU', 'G729' as never], toAgent: 'opus' as never },
    },
    outboundTrunk: { address: '203.0.113.300', port: 70000 },
  });
  assert.deepEqual(
    issues.map((i) => i.path),
    [
      '$.rtpengine.host',
      '$.rtpengine.port',
      '$.rtpengine.transcode.toTrunk[1]',
      '$.rtpengine.transcode.toAgent',
      '$.outboundTrunk.address',
      '$.outboundTrunk.port',
    ],
  );
  assert.throws(
    () => renderKamailioConfig({ ...base, rtpengine: { host: '127.0.0.1', port: -1 } }),
    ValidationError,
  );
});

test('without rtpengine nothing of the media relay is written', () => {
  const cfg = renderKamailioConfig(base);
  assert.doesNotMatch(cfg, /rtpengine/);
  assert.doesNotMatch(cfg, /MEDIA_/);
});

test('with rtpengine: the module, offers toward agents and trunks, answers, deletes', () => {
  const cfg = renderKamailioConfig({
    ...base,
    rtpengine: { host: '127.0.0.1', port: 2223 },
    outboundTrunk: { address: '203.0.113.7', port: 5080 },
  });
  assert.match(cfg, /loadmodule "rtpengine\.so"/);
  assert.match(cfg, /modparam\("rtpengine", "rtpengine_sock", "udp:127\.0\.0\.1:2223"\)/);
  // toward an agent: ICE, DTLS-SRTP profile, rtcp-mux; toward a trunk: plain RTP/AVP, G.711 kept
  assert.match(cfg, /rtpengine_offer\("[^"]*ICE=force UDP\/TLS\/RTP\/SAVPF rtcp-mux-offer/);
  assert.match(
    cfg,
    /rtpengine_offer\("[^"]*ICE=remove RTP\/AVP DTLS=off rtcp-mux-demux codec-transcode-PCMU codec-transcode-PCMA"/,
  );
  assert.match(cfg, /rtpengine_answer\("[^"]*ICE=force UDP\/TLS\/RTP\/SAVPF rtcp-mux-require"/);
  assert.match(cfg, /rtpengine_answer\("[^"]*ICE=remove RTP\/AVP/);
  // offers per branch (the next hop is known there), for initial INVITEs and queue rings
  assert.equal(cfg.split('t_on_branch("MEDIA_BRANCH")').length, 3);
  // re-INVITEs (hold, resume) are offered in the dialog; BYE and CANCEL delete the session
  const dialog = cfg.slice(cfg.indexOf('route[WITHINDLG]'));
  assert.match(dialog, /if \(is_method\("BYE"\)\) \{\n\s+route\(MEDIA_DELETE\);/);
  assert.match(dialog, /else if \(is_method\("INVITE"\)\) \{\n\s+route\(MEDIA_OFFER\);/);
  assert.match(cfg, /is_method\("CANCEL"\)[\s\S]{0,400}route\(MEDIA_DELETE\);\n\s+route\(RELAY\);/);
  assert.match(cfg, /failure_route\[MEDIA_FAILURE\]/);
  // the BUNDLE group rtpengine 10.5 drops is put back toward agents
  assert.match(cfg, /a=group:BUNDLE/);
  // agents dialling numbers reach the outbound trunk
  assert.ok(
    cfg.includes(
      '$rU =~ "^\\+?[0-9]{3,20}$") {\n        $rd = "203.0.113.7";\n        $rp = 5080;',
    ),
  );
  const custom = renderKamailioConfig({
    ...base,
    rtpengine: {
      host: '127.0.0.1',
      port: 2223,
      transcode: { toTrunk: ['PCMA'], toAgent: ['opus'] },
    },
  });
  assert.match(custom, /rtcp-mux-offer generate-mid codec-transcode-opus"/);
  assert.match(custom, /rtcp-mux-demux codec-transcode-PCMA"/);
});

test('IVR addresses: trunks may call them; their INVITEs go to the IVR service with the SDP', () => {
  assert.deepEqual(
    validateKamailioConfig({ ...base, ivrAddresses: ['hot line', 'support', 'alice'] }).map(
      (i) => i.path,
    ),
    ['$.ivrAddresses[0]', '$.ivrAddresses[1]', '$.ivrAddresses[2]', '$.ivrAddresses'],
  );
  const cfg = renderKamailioConfig({
    ...base,
    rtpengine: { host: '127.0.0.1', port: 2223 },
    ivrAddresses: ['hotline'],
  });
  assert.ok(cfg.includes('if (!is_method("INVITE") || !($rU =~ "^(support|hotline)$"))'));
  assert.match(cfg, /if \(\$rU =~ "\^\(hotline\)\$"\) \{\n\s+route\(IVR\);/);
  const ivr = cfg.slice(cfg.indexOf('route[IVR]'));
  assert.match(ivr, /jansson_set\("string", "sdp", "\$rb", "\$var\(sb_json\)"\);/);
  assert.match(ivr, /evapi_async_relay/);
  assert.match(cfg, /t_reply\("183", "Session Progress"\);/);
  assert.match(cfg, /if \(\$var\(sb_action\) == "queue" && /);
});

test('kamailio -c accepts the configuration with rtpengine and an outbound trunk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-kamailio-media-check-'));
  try {
    const path = join(dir, 'kamailio.cfg');
    writeFileSync(
      path,
      renderKamailioConfig({
        ...base,
        rtpengine: { host: '127.0.0.1', port: 2223 },
        outboundTrunk: { address: '203.0.113.7' },
        ivrAddresses: ['hotline'],
      }),
    );
    const result = spawnSync('kamailio', ['-c', '-f', path], { encoding: 'utf8' });
    assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('hostile media options: a ValidationError or a configuration, never another failure', () => {
  const anything = fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.integer(),
    fc.double(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }),
  );
  fc.assert(
    fc.property(
      fc.record({
        host: anything,
        port: anything,
        transcode: fc.option(fc.record({ toTrunk: anything, toAgent: anything })),
      }),
      fc.record({ address: anything, port: anything }),
      (rtpengine, outboundTrunk) => {
        try {
          const cfg = renderKamailioConfig({
            ...base,
            rtpengine: rtpengine as never,
            outboundTrunk: outboundTrunk as never,
          });
          // what passed validation is written as given: an address and a port, nothing else
          assert.ok(cfg.includes(`udp:${String(rtpengine.host)}:${String(rtpengine.port)}`));
        } catch (error) {
          assert.ok(error instanceof ValidationError, String(error));
        }
      },
    ),
    { numRuns: 300 },
  );
});
