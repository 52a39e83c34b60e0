// The Node side of the security suites (packages/webrtc/e2e/security-*.test.ts): a Kamailio of
// its own, started on first use with the secure options (trusted trunk 127.0.0.2, control
// listener on 127.0.0.10, a low flood limit, and a secure WebSocket listener with a self-signed
// certificate made by openssl now), a routing service behind it, and the attacks of issue 11,
// each run with raw SIP/HTTP from Node and answered with what Kamailio sent back.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { RoutingEngine } from '../../packages/core/src/routing/index.js';
import { EvapiConnection } from '../../packages/adapters/src/kamailio/evapi-connection.js';
import { KamailioRoutingService } from '../../packages/adapters/src/kamailio/kamailio-routing-service.js';
import type { RoutingServiceEvent } from '../../packages/adapters/src/kamailio/kamailio-routing-service.js';
import { startKamailio } from './kamailio-process.js';
import type { KamailioInstance } from './kamailio-process.js';
import { RawSipClient } from './raw-sip.js';
import type { SipResponse } from './raw-sip.js';

const USERS = { alice: 'alice-pw', bob: 'bob-pw', carol: 'carol-pw' } as const;
const DOMAIN = '127.0.0.1';
const TRUNK = '127.0.0.2';
const CONTROL_HOST = '127.0.0.10';
const FLOOD_LIMIT = 24;

interface Started {
  kamailio: KamailioInstance;
  evapi: EvapiConnection;
  engine: RoutingEngine;
  service: KamailioRoutingService;
  events: RoutingServiceEvent[];
  certificate: string;
}

interface HttpAnswer {
  status: number;
  body: string;
}

/** What one attack saw: statuses by step, plus any facts the suite checks. */
export type AttackResult = Record<string, unknown>;

function status(response: SipResponse): string {
  return `${response.status} ${response.reason}`;
}

function tcpOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** One JSON-RPC call over a connection of its own (Kamailio closes each after its reply). */
function rpc(url: string, method: string, params: unknown[] = []): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ jsonrpc: '2.0', method, params, id: 1 });
    const req = request(
      url,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function waitUntil(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The security suites' environment: lazily started, stopped with the rest of the e2e run. */
export function createSecurityEnvironment(): {
  execute(command: string, payload: unknown): Promise<unknown>;
  stop(): Promise<void>;
} {
  let started: Promise<Started> | undefined;

  async function start(): Promise<Started> {
    const tls = makeSelfSignedCertificate(mkdtempSync(join(tmpdir(), 'sb-security-tls-')));
    const kamailio = await startKamailio({
      name: 'kamailio-security',
      users: USERS,
      queues: ['support'],
      ringTimeoutMs: 8000,
      trustedAddresses: [TRUNK],
      controlHost: CONTROL_HOST,
      flood: { samplingSeconds: 2, maxRequests: FLOOD_LIMIT, banSeconds: 60 },
      tls,
      logLevel: Number(process.env.SB_KAMAILIO_LOG ?? 1),
    });
    const evapi = new EvapiConnection({ host: kamailio.controlHost, port: kamailio.evapiPort });
    await evapi.connect();
    const engine = new RoutingEngine();
    engine.addQueue({
      id: 'support',
      requirements: [{ skill: 'support', minProficiency: 1 }],
      strategy: 'longest-idle',
      offerTimeoutMs: 60_000,
    });
    const service = new KamailioRoutingService({
      engine,
      channel: evapi,
      maxWaitMs: 30_000,
      acceptInteractionIds: true,
    });
    const events: RoutingServiceEvent[] = [];
    service.onEvent((e) => events.push(e));
    const certificate = readFileSync(tls.certificate, 'utf8');
    return { kamailio, evapi, engine, service, events, certificate };
  }

  const attacks: Record<string, (s: Started) => Promise<AttackResult>> = {
    async 'rpc-on-agent-port'({ kamailio }) {
      return {
        agentPort: await rpc(`http://127.0.0.1:${kamailio.wsPort}/RPC`, 'core.version'),
        agentPortKill: await rpc(`http://127.0.0.1:${kamailio.wsPort}/RPC`, 'core.kill'),
        controlListener: await rpc(kamailio.rpcUrl, 'core.version'),
      };
    },

    async 'register-as-other'({ kamailio }) {
      const alice = await RawSipClient.overWebSocket(kamailio.wsUrl, '127.0.0.21');
      try {
        const base = { method: 'REGISTER', uri: `sip:${DOMAIN}`, domain: DOMAIN } as const;
        const credentials = { user: 'alice', password: USERS.alice };
        return {
          own: status(
            await alice.request({ ...base, fromUser: 'alice', toUser: 'alice', credentials }),
          ),
          toBobFromAlice: status(
            await alice.request({ ...base, fromUser: 'alice', toUser: 'bob', credentials }),
          ),
          asBobWithAliceCredentials: status(
            await alice.request({ ...base, fromUser: 'bob', toUser: 'bob', credentials }),
          ),
          asBobWithoutCredentials: status(
            await alice.request({ ...base, fromUser: 'bob', toUser: 'bob' }),
          ),
        };
      } finally {
        alice.close();
      }
    },

    async 'in-dialog-foreign-route'({ kamailio }) {
      const alice = await RawSipClient.overWebSocket(kamailio.wsUrl, '127.0.0.22');
      try {
        const base = {
          method: 'INFO',
          fromUser: 'alice',
          toUser: 'bob',
          toTag: 'forged-tag',
          domain: DOMAIN,
        } as const;
        return {
          routeElsewhere: status(
            await alice.request({
              ...base,
              uri: `sip:bob@${DOMAIN}`,
              headers: ['Route: <sip:127.0.0.4:5099;lr>'],
            }),
          ),
          ourRouteTargetElsewhere: status(
            await alice.request({
              ...base,
              uri: 'sip:bob@127.0.0.4:5099',
              headers: [`Route: <sip:127.0.0.1:${kamailio.wsPort};transport=ws;lr>`],
            }),
          ),
          noRoute: status(await alice.request({ ...base, uri: 'sip:bob@127.0.0.4:5099' })),
        };
      } finally {
        alice.close();
      }
    },

    async 'spoofed-invite'({ kamailio, events }) {
      const bob = await RawSipClient.overWebSocket(kamailio.wsUrl, '127.0.0.23');
      const caller = await RawSipClient.overWebSocket(kamailio.wsUrl, '127.0.0.24');
      const stranger = await RawSipClient.overUdp('127.0.0.3', kamailio.udpPort);
      const trunk = await RawSipClient.overUdp(TRUNK, kamailio.udpPort);
      try {
        const bobRegistered = status(
          await bob.request({
            method: 'REGISTER',
            uri: `sip:${DOMAIN}`,
            fromUser: 'bob',
            toUser: 'bob',
            domain: DOMAIN,
            credentials: { user: 'bob', password: USERS.bob },
          }),
        );
        const toBob = { method: 'INVITE', uri: `sip:bob@${DOMAIN}`, toUser: 'bob', domain: DOMAIN };
        const result: AttackResult = {
          bobRegistered,
          webSocketNoCredentials: status(await caller.request({ ...toBob, fromUser: 'alice' })),
          webSocketFromNotAuthUser: status(
            await caller.request({
              ...toBob,
              fromUser: 'alice',
              credentials: { user: 'carol', password: USERS.carol },
            }),
          ),
          udpUntrusted: status(await stranger.request({ ...toBob, fromUser: 'alice' })),
          trustedTrunkToAgent: status(await trunk.request({ ...toBob, fromUser: '+15550100' })),
        };
        // a trusted trunk may call the queue; its interaction header is dropped by Kamailio
        const callId = `trunk-call-${Date.now()}@127.0.0.2`;
        const queued = trunk
          .request(
            {
              method: 'INVITE',
              uri: `sip:support@${DOMAIN}`,
              fromUser: '+15550100',
              toUser: 'support',
              domain: DOMAIN,
              callId,
              headers: ['X-Switchboard-Interaction: ix-from-the-caller'],
            },
            15_000,
          )
          .then(status, (e: Error) => e.message);
        await waitUntil(
          () => events.some((e) => e.type === 'call-queued' && e.callId === callId),
          'the trunk call to be queued',
        );
        const queuedEvent = events.find((e) => e.type === 'call-queued' && e.callId === callId);
        result.trunkToQueueProvisional = trunk.provisionals().map((r) => r.status);
        result.trunkToQueueInteraction =
          queuedEvent?.type === 'call-queued' ? queuedEvent.interactionId : undefined;
        // no agent is logged in: the caller gives up
        trunk.cancel(callId);
        result.trunkToQueueFinal = await queued;
        return result;
      } finally {
        for (const c of [bob, caller, stranger, trunk]) c.close();
      }
    },

    async 'repeated-interaction-id'({ kamailio, events, service }) {
      const alice = await RawSipClient.overWebSocket(kamailio.wsUrl, '127.0.0.25');
      try {
        const pending: Promise<string>[] = [];
        const callIds = [`dup-1-${Date.now()}`, `dup-2-${Date.now()}`];
        for (const callId of callIds) {
          pending.push(
            alice
              .request(
                {
                  method: 'INVITE',
                  uri: `sip:support@${DOMAIN}`,
                  fromUser: 'alice',
                  toUser: 'support',
                  domain: DOMAIN,
                  callId,
                  headers: ['X-Switchboard-Interaction: ix-repeated'],
                  credentials: { user: 'alice', password: USERS.alice },
                },
                15_000,
              )
              .then(status, (e: Error) => e.message),
          );
          await waitUntil(
            () => events.some((e) => e.type === 'call-queued' && e.callId === callId),
            `call ${callId} queued`,
          );
        }
        const queued = callIds.map((callId) => {
          const e = events.find((x) => x.type === 'call-queued' && x.callId === callId);
          return e?.type === 'call-queued' ? e.interactionId : undefined;
        });
        const refused = events
          .filter((e) => e.type === 'interaction-id-refused')
          .map((e) => (e.type === 'interaction-id-refused' ? e.reason : ''));
        const active = service.activeCalls().length;
        for (const callId of callIds) alice.cancel(callId);
        return { queued, refused, active, finals: await Promise.all(pending) };
      } finally {
        alice.close();
      }
    },

    async 'evapi-loopback-only'({ kamailio }) {
      const cfg = readFileSync(kamailio.cfgPath, 'utf8');
      const listens = cfg.split('\n').filter((l) => l.startsWith('listen='));
      return {
        evapiBind: /modparam\("evapi", "bind_addr", "([^"]+)"\)/.exec(cfg)?.[1],
        listens,
        controlHost: kamailio.controlHost,
        evapiPort: kamailio.evapiPort,
        evapiOnAgentAddress: await tcpOpen('127.0.0.1', kamailio.evapiPort),
        evapiOnControlAddress: await tcpOpen(kamailio.controlHost, kamailio.evapiPort),
        rpcOnAgentAddress: await tcpOpen('127.0.0.1', kamailio.controlPort),
      };
    },

    async flood({ kamailio }) {
      const source = '127.0.0.7';
      const flooder = await RawSipClient.overUdp(source, kamailio.udpPort);
      const bystander = await RawSipClient.overUdp('127.0.0.8', kamailio.udpPort);
      try {
        const options = {
          method: 'OPTIONS',
          uri: `sip:${DOMAIN}`,
          fromUser: 'x',
          toUser: 'x',
          domain: DOMAIN,
        } as const;
        const sent = FLOOD_LIMIT * 20;
        for (let i = 0; i < sent; i++) flooder.fire(options);
        const banned = async () => {
          const r = await rpc(kamailio.rpcUrl, 'htable.get', ['ipban', source]);
          const value = /"value":(\d+)/.exec(r.body)?.[1];
          return value === undefined ? undefined : Number(value);
        };
        await waitUntil(async () => (await banned()) !== undefined, 'the ban entry');
        // requests from the banned address are dropped and counted; UDP may lose a packet under
        // load, so send one more each time the count has not moved yet
        const before = (await banned()) ?? 0;
        await waitUntil(async () => {
          if (((await banned()) ?? 0) > before) return true;
          flooder.fire(options);
          return false;
        }, 'a request from the banned address dropped');
        const answered = flooder.received.length;
        return {
          sent,
          answered,
          answeredStatuses: [...new Set(flooder.received.map(status))],
          droppedWhileBanned: (await banned()) ?? 0,
          // a different source is not affected (and, untrusted over UDP, is refused as usual)
          bystander: status(await bystander.request(options)),
        };
      } finally {
        flooder.close();
        bystander.close();
      }
    },

    async 'wss-register'({ kamailio, certificate }) {
      if (!kamailio.wssUrl) throw new Error('no wss listener');
      const alice = await RawSipClient.overWebSocket(kamailio.wssUrl, '127.0.0.26', certificate);
      try {
        return {
          url: kamailio.wssUrl,
          register: status(
            await alice.request({
              method: 'REGISTER',
              uri: `sip:${DOMAIN}`,
              fromUser: 'alice',
              toUser: 'alice',
              domain: DOMAIN,
              credentials: { user: 'alice', password: USERS.alice },
            }),
          ),
        };
      } finally {
        alice.close();
      }
    },
  };

  return {
    async execute(command, payload) {
      if (command !== 'sb-security-attack') return undefined;
      const name = (payload as { name: string }).name;
      const attack = attacks[name];
      if (!attack) throw new Error(`no attack named ${name}`);
      started ??= start();
      return attack(await started);
    },
    async stop() {
      if (!started) return;
      const s = await started.catch(() => undefined);
      if (!s) return;
      s.service.dispose();
      s.engine.dispose();
      s.evapi.close();
      await s.kamailio.stop();
    },
  };
}

/** Makes a self-signed certificate for 127.0.0.1 in `dir` with openssl; returns the file paths. */
export function makeSelfSignedCertificate(dir: string): {
  certificate: string;
  privateKey: string;
} {
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
      '-keyout',
      privateKey,
      '-out',
      certificate,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  return { certificate, privateKey };
}
