import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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

test('the example configuration is the rendering of the example options', () => {
  const checkedIn = readFileSync(
    new URL('../../../../examples/kamailio/kamailio.cfg', import.meta.url),
    'utf8',
  );
  assert.equal(checkedIn, renderKamailioConfig(exampleOptions));
});
