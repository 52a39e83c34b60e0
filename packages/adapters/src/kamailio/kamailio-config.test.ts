import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError } from '@switchboard/core/shared';
import { renderKamailioConfig, validateKamailioConfig } from './kamailio-config.js';
import { exampleOptions } from '../../../../examples/kamailio/options.js';

test('reports every invalid option with its path', () => {
  const issues = validateKamailioConfig({
    wsPort: 70000,
    users: { 'bad user': 'x', ok: 'with"quote' },
    queues: ['ok', 'b@d'],
    ringTimeoutMs: 5,
  });
  // queue 'ok' is also a user name, 'b@d' breaks the user-name rules
  assert.deepEqual(
    issues.map((i) => i.path),
    [
      '$.wsPort',
      '$.users["bad user"]',
      '$.users["ok"]',
      '$.queues[0]',
      '$.queues[1]',
      '$.ringTimeoutMs',
    ],
  );
  assert.throws(() => renderKamailioConfig({ users: {}, udpPort: 0 }), ValidationError);
});

test('refuses control listeners off loopback, bad trunks, bad certificate paths and shared ports', () => {
  const issues = validateKamailioConfig({
    users: { alice: 'pw' },
    controlHost: '0.0.0.0',
    evapiPort: 8080,
    trustedAddresses: ['10.0.0.0/8', '10.0.0.0/33', 'example.com', '1.2.3.4/8/9'],
    tls: { wssPort: 8443, certificate: 'relative.pem', privateKey: '/ok/key.pem"; exit' },
    flood: { maxRequests: 1, banSeconds: 1e9 },
  });
  assert.deepEqual(
    issues.map((i) => i.path),
    [
      '$.controlHost',
      '$.trustedAddresses[1]',
      '$.trustedAddresses[2]',
      '$.trustedAddresses[3]',
      '$.tls.certificate',
      '$.tls.privateKey',
      '$.evapiPort',
      '$.flood.maxRequests',
      '$.flood.banSeconds',
    ],
  );
  assert.match(issues[0]?.message ?? '', /loopback/);
  assert.match(issues[6]?.message ?? '', /port 8080 is also \$\.wsPort/);
});

test('writes ports, users and queue routing into the configuration', () => {
  const cfg = renderKamailioConfig({
    udpPort: 5070,
    wsPort: 8090,
    evapiPort: 8450,
    users: { alice: 'pw' },
    queues: ['support', 'sales'],
  });
  assert.match(cfg, /listen=udp:127\.0\.0\.1:5070/);
  assert.match(cfg, /listen=tcp:127\.0\.0\.1:8090/);
  assert.match(cfg, /alias="127\.0\.0\.1:8090"/);
  assert.doesNotMatch(cfg, /alias="127\.0\.0\.1"\n/);
  assert.match(cfg, /"127\.0\.0\.1:8450"/);
  assert.match(cfg, /\$rU =~ "\^\(support\|sales\)\$"/);
  assert.match(cfg, /if \(\$fU == "alice"\) \{ \$var\(password\) = "pw"; \}/);
  assert.match(cfg, /evapi_async_relay/);
  assert.match(cfg, /t_continue/);
});

test('control interfaces live only on the loopback control listener, apart from SIP', () => {
  const cfg = renderKamailioConfig({
    host: '192.0.2.10',
    wsPort: 8080,
    controlHost: '127.0.0.1',
    controlPort: 8081,
    evapiPort: 8448,
    users: { alice: 'pw' },
  });
  const listens = cfg.split('\n').filter((l) => l.startsWith('listen='));
  assert.deepEqual(listens, [
    'listen=udp:192.0.2.10:5060',
    'listen=tcp:192.0.2.10:8080',
    'listen=tcp:127.0.0.1:8081',
  ]);
  assert.match(cfg, /modparam\("evapi", "bind_addr", "127\.0\.0\.1:8448"\)/);
  // JSON-RPC is dispatched only for requests that arrived on the control listener
  const http = cfg.slice(cfg.indexOf('event_route[xhttp:request]'));
  const dispatch = http.indexOf('jsonrpc_dispatch()');
  const guard = http.indexOf('if ($Rp == 8081 && $Ri == "127.0.0.1")');
  assert.ok(guard >= 0 && guard < dispatch);
  assert.equal(cfg.split('jsonrpc_dispatch()').length, 2);
  assert.match(http, /\$hu =~ "\^\/RPC"\) \{\n\s+xlog[^\n]*\n\s+xhttp_reply\("403"/);
  // WebSocket handshakes only on the agent port; no SIP processed from the control listener
  assert.match(http, /if \(\(\$Rp == 8080\) && \$hdr\(Upgrade\)/);
  assert.match(
    cfg,
    /route\[REQINIT\] \{\n[^\n]*\n\s+if \(\$Rp == 8081 && \$Ri == "127\.0\.0\.1"\) \{\n\s+exit;/,
  );
});

test('agents authenticate as themselves; trunks come from trusted addresses and reach queues only', () => {
  const cfg = renderKamailioConfig({
    users: { alice: 'pw' },
    queues: ['support'],
    trustedAddresses: ['198.51.100.7', '203.0.113.0/24'],
  });
  const trusted = 'is_in_subnet("$si", "198.51.100.7/32,203.0.113.0/24")';
  assert.ok(cfg.includes(`if (proto != WS && proto != WSS && !${trusted})`));
  assert.match(
    cfg,
    /if \(!is_method\("INVITE"\) \|\| !\(\$rU =~ "\^\(support\)\$"\)\) \{\n\s+sl_send_reply\("403"/,
  );
  // REGISTER: only over WebSocket, only for oneself, password looked up by the To user
  const registrar = cfg.slice(cfg.indexOf('route[REGISTRAR]'));
  assert.match(registrar, /if \(\$fU != \$tU \|\| \(\$au != \$null && \$au != \$tU\)\)/);
  assert.match(registrar, /if \(\$tU == "alice"\)/);
  // other requests of agents: proxy authentication of the From user
  const auth = cfg.slice(cfg.indexOf('route[AUTH]'));
  assert.match(auth, /if \(\$au != \$null && \$au != \$fU\)/);
  assert.match(auth, /pv_proxy_authenticate/);
  // in-dialog: only along our own Route, only to live WebSocket connections or trusted trunks
  assert.match(cfg, /if \(\$route_uri != \$null && !is_myself\("\$route_uri"\)\)/);
  assert.ok(cfg.includes('if (!is_in_subnet("$var(sb_dst)", "198.51.100.7/32,203.0.113.0/24"))'));
  // flood bans, sanity and hop limit before anything else
  assert.match(cfg, /pike_check_req\(\)/);
  assert.match(cfg, /modparam\("htable", "htable", "ipban=>size=10;autoexpire=300;"\)/);
  assert.match(cfg, /sanity_check\("17895", "7"\)/);
  assert.match(cfg, /mf_process_maxfwd_header\("10"\)/);
});

test('without trusted addresses every non-WebSocket request is refused', () => {
  const cfg = renderKamailioConfig({ users: { alice: 'pw' } });
  assert.ok(cfg.includes('if (proto != WS && proto != WSS) {\n        if (!is_method("ACK"))'));
  assert.doesNotMatch(cfg, /is_in_subnet/);
});

test('a call waiting for the routing service is held up to queueWaitLimitMs, an agent rings ringTimeoutMs', () => {
  const cfg = renderKamailioConfig({
    users: { alice: 'pw' },
    queues: ['support'],
    ringTimeoutMs: 15000,
    queueWaitLimitMs: 300000,
  });
  const queue = cfg.slice(cfg.indexOf('route[QUEUE]'), cfg.indexOf('event_route[evapi'));
  assert.ok(queue.indexOf('t_set_fr(300000, 300000);') < queue.indexOf('evapi_async_relay'));
  const again = cfg.slice(cfg.indexOf('route[QUEUE_SUSPEND_OUTCOME]'));
  assert.ok(again.indexOf('t_set_fr(300000, 300000);') < again.indexOf('t_suspend()'));
  const ring = cfg.slice(cfg.indexOf('route[QUEUE_CONTINUE]'));
  assert.ok(ring.indexOf('t_set_fr(15000, 8000);') < ring.indexOf('t_relay()'));
  assert.match(cfg, /modparam\("tm", "max_inv_lifetime", 330000\)/);
  assert.deepEqual(
    validateKamailioConfig({ users: {}, queueWaitLimitMs: 5 }).map((i) => i.path),
    ['$.queueWaitLimitMs'],
  );
});

test('caller data reaches evapi through jansson_set, never pasted into JSON text', () => {
  const cfg = renderKamailioConfig({ users: { alice: 'pw' }, queues: ['support'] });
  assert.doesNotMatch(cfg, /evapi_(async_)?relay\("\{/);
  assert.match(cfg, /jansson_set\("string", "fromName", "\$fn", "\$var\(sb_json\)"\)/);
  assert.match(cfg, /remove_hf\("X-Switchboard-Interaction"\)/);
  assert.match(cfg, /remove_hf\("X-Switchboard-Monitor"\)/);
});

function makeCertificate(dir: string): { certificate: string; privateKey: string } {
  const certificate = join(dir, 'cert.pem');
  const privateKey = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-keyout',
      privateKey,
      '-out',
      certificate,
    ],
    { stdio: 'ignore' },
  );
  return { certificate, privateKey };
}

function kamailioCheck(cfg: string, dir: string): { status: number | null; output: string } {
  const path = join(dir, 'kamailio.cfg');
  writeFileSync(path, cfg);
  const result = spawnSync('kamailio', ['-c', '-f', path], { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

test('kamailio -c accepts the rendered configuration, with and without TLS/WSS listeners', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-kamailio-check-'));
  try {
    const base = {
      users: { alice: 'pw', bob: 'pw2' },
      queues: ['support'],
      trustedAddresses: ['203.0.113.0/24'],
      udpPort: 25060,
      wsPort: 28080,
      controlPort: 28081,
      evapiPort: 28448,
    };
    const plain = kamailioCheck(renderKamailioConfig(base), dir);
    assert.equal(plain.status, 0, plain.output);

    const tls = makeCertificate(dir);
    const secure = renderKamailioConfig({
      ...base,
      tls: { ...tls, caList: tls.certificate, wssPort: 28443, sipTlsPort: 25061, wssOnly: true },
    });
    assert.match(secure, /enable_tls=yes/);
    assert.match(secure, /listen=tls:127\.0\.0\.1:28443/);
    assert.match(secure, /listen=tls:127\.0\.0\.1:25061/);
    assert.doesNotMatch(secure, /listen=tcp:127\.0\.0\.1:28080/);
    assert.ok(secure.includes(`modparam("tls", "certificate", "${tls.certificate}")`));
    assert.ok(secure.includes(`modparam("tls", "private_key", "${tls.privateKey}")`));
    assert.ok(secure.includes(`modparam("tls", "ca_list", "${tls.certificate}")`));
    assert.match(secure, /modparam\("tls", "verify_certificate", 1\)/);
    const checked = kamailioCheck(secure, dir);
    assert.equal(checked.status, 0, checked.output);
    assert.match(checked.output, /tls: 127\.0\.0\.1 \[127\.0\.0\.1\]:28443/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the example configuration is the rendering of the example options', () => {
  const checkedIn = readFileSync(
    new URL('../../../../examples/kamailio/kamailio.cfg', import.meta.url),
    'utf8',
  );
  assert.equal(checkedIn, renderKamailioConfig(exampleOptions));
});
