// The media suites' side of the end-to-end environment: a real rtpengine (userspace, loopback), a
// Kamailio configured with it, a trusted trunk address (127.0.0.1) and an outbound trunk, the
// routing service on that Kamailio's evapi socket, and a plain-RTP SIP peer (rtp-peer.ts) playing
// the trunk. Browser suites reach it through web-test-runner server commands `sb-media-*`.
import { RoutingEngine } from '../../packages/core/src/routing/index.js';
import type { RoutingEvent } from '../../packages/core/src/routing/index.js';
import { EvapiConnection } from '../../packages/adapters/src/kamailio/evapi-connection.js';
import { KamailioRoutingService } from '../../packages/adapters/src/kamailio/kamailio-routing-service.js';
import type { RoutingServiceEvent } from '../../packages/adapters/src/kamailio/kamailio-routing-service.js';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileFlow } from '../../packages/core/src/ivr/index.js';
import { KamailioIvrService } from '../../packages/adapters/src/kamailio/kamailio-ivr-service.js';
import type { IvrServiceEvent } from '../../packages/adapters/src/kamailio/kamailio-ivr-service.js';
import {
  RtpengineDtmfListener,
  RtpengineNgClient,
} from '../../packages/adapters/src/kamailio/rtpengine-ng-client.js';
import { EspeakPrompts } from '../../packages/adapters/src/kamailio/espeak-prompts.js';
import { RtpengineRecorder } from '../../packages/adapters/src/kamailio/rtpengine-recorder.js';
import { countPcapFlows } from './pcap.js';
import { startKamailio } from './kamailio-process.js';
import type { KamailioInstance } from './kamailio-process.js';
import { startRtpengine } from './rtpengine-process.js';
import type { RtpengineInstance } from './rtpengine-process.js';
import { RtpPeer } from './rtp-peer.js';

/** The number browser agents dial to reach the plain-RTP peer through the outbound trunk. */
export const TRUNK_NUMBER = '+15550100';

/** The IVR address (flows/hotline.json) trunks may call. */
export const IVR_ADDRESS = 'hotline';

export interface MediaEnvironment {
  readonly kamailio: KamailioInstance;
  readonly rtpengine: RtpengineInstance;
  readonly peer: RtpPeer;
  /** web-test-runner plugin answering `sb-media-*` server commands. */
  readonly plugin: { name: string; executeCommand(c: CommandContext): Promise<unknown> };
  /** (Re)creates the router and the routing service with these agents, logged in in this order. */
  setupRouting(agents: readonly { id: string; skills: Record<string, number> }[]): Promise<void>;
  stop(): Promise<void>;
}

interface CommandContext {
  command: string;
  payload?: unknown;
}

type PeerCommand =
  | { action: 'call'; target: string }
  | { action: 'hangup' | 'stats' | 'reset' }
  | { action: 'dtmf'; digits: string };

/** Starts rtpengine, the media Kamailio, the trunk peer and (empty) routing. */
export async function startMediaEnvironment(
  users: Readonly<Record<string, string>>,
): Promise<MediaEnvironment> {
  // rtpengine reports DTMF to the IVR service's listener
  const dtmf = await RtpengineDtmfListener.open({ port: 0 });
  const recordingDir = mkdtempSync(join(tmpdir(), 'sb-recordings-'));
  const rtpengine = await startRtpengine({ dtmfLogPort: dtmf.port, recordingDir });
  const ng = await RtpengineNgClient.open({ port: rtpengine.ngPort });
  // the peer needs Kamailio's UDP port, Kamailio the peer's (outbound trunk): the peer first,
  // pointed at Kamailio once it runs
  let kamailioPort = 0;
  const peer = await RtpPeer.start({
    get kamailioPort() {
      return kamailioPort;
    },
    user: 'trunk',
  });
  const kamailio = await startKamailio({
    name: 'kamailio-media',
    users,
    queues: ['support'],
    ivrAddresses: [IVR_ADDRESS],
    ringTimeoutMs: 8000,
    trustedAddresses: ['127.0.0.1'],
    rtpengine: { host: '127.0.0.1', port: rtpengine.ngPort },
    outboundTrunk: { address: '127.0.0.1', port: peer.sipPort },
    logLevel: Number(process.env.SB_KAMAILIO_LOG ?? 1),
  });
  kamailioPort = kamailio.udpPort;
  const evapi = new EvapiConnection({ port: kamailio.evapiPort });
  await evapi.connect();
  // the IVR on real audio: prompts synthesised with espeak-ng now (test time), played by rtpengine
  const flow = compileFlow(
    JSON.parse(readFileSync(join(import.meta.dirname, 'flows/hotline.json'), 'utf8')) as never,
    { queues: ['support'] },
  );
  const prompts = new EspeakPrompts({ dir: join(tmpdir(), 'sb-e2e-prompts') });
  const recorder = new RtpengineRecorder({ media: ng, recordingDir });
  const ivrEvents: IvrServiceEvent[] = [];
  const ivr = new KamailioIvrService({
    channel: evapi,
    media: ng,
    dtmf,
    flows: new Map([[IVR_ADDRESS, flow]]),
    prompts: (play) => prompts.file(play.text ?? '', play.language),
  });
  ivr.onEvent((e) => ivrEvents.push(e));
  let routing:
    | {
        engine: RoutingEngine;
        service: KamailioRoutingService;
        events: (RoutingEvent | RoutingServiceEvent)[];
      }
    | undefined;

  const setupRouting = async (
    agents: readonly { id: string; skills: Record<string, number> }[],
  ) => {
    routing?.service.dispose();
    routing?.engine.dispose();
    const engine = new RoutingEngine();
    engine.addQueue({
      id: 'support',
      requirements: [{ skill: 'support', minProficiency: 5 }],
      strategy: 'longest-idle',
      offerTimeoutMs: 60_000,
    });
    const events: (RoutingEvent | RoutingServiceEvent)[] = [];
    engine.onEvent((e) => events.push(e));
    for (const agent of agents) {
      engine.addAgent({ id: agent.id, skills: agent.skills });
      engine.login(agent.id);
      // a few ms apart: the first has been idle longest
      await new Promise((r) => setTimeout(r, 5));
    }
    const service = new KamailioRoutingService({ engine, channel: evapi, maxWaitMs: 30_000 });
    service.onEvent((e) => events.push(e));
    routing = { engine, service, events };
  };

  const peerCommand = async (command: PeerCommand): Promise<unknown> => {
    switch (command.action) {
      case 'call':
        return { status: await peer.call(command.target) };
      case 'hangup':
        peer.hangup();
        return { ok: true };
      case 'reset':
        peer.resetStats();
        return { ok: true };
      case 'dtmf':
        await peer.sendDtmf(command.digits);
        return { ok: true };
      case 'stats':
        return { ...peer.stats, inCall: peer.inCall, calls: peer.calls, ended: peer.ended };
    }
  };

  const plugin = {
    name: 'switchboard-e2e-media-commands',
    async executeCommand({ command, payload }: CommandContext): Promise<unknown> {
      if (command === 'sb-media-config') {
        return {
          wsUrl: kamailio.wsUrl,
          domain: '127.0.0.1',
          trunkNumber: TRUNK_NUMBER,
          ivrAddress: IVR_ADDRESS,
        };
      }
      if (command === 'sb-media-routing-setup') {
        const { agents } = payload as { agents: { id: string; skills: Record<string, number> }[] };
        await setupRouting(agents);
        return { ok: true };
      }
      if (command === 'sb-media-routing-events') {
        return (routing?.events ?? []).map((e) => JSON.parse(JSON.stringify(e)) as unknown);
      }
      if (command === 'sb-media-peer') return peerCommand(payload as PeerCommand);
      if (command === 'sb-media-record') {
        const { action, interactionId } = payload as {
          action: 'start' | 'stop';
          interactionId: string;
        };
        const callId = routing?.engine.getInteraction(interactionId).attributes.callId;
        if (typeof callId !== 'string') throw new Error(`no call for ${interactionId}`);
        if (action === 'start') {
          await recorder.start(callId, interactionId);
          return { ok: true };
        }
        const recording = await recorder.stop(callId, interactionId);
        return { ...recording, flows: recording.files.map((f) => countPcapFlows(f)) };
      }
      if (command === 'sb-media-ivr-events') {
        return ivrEvents.map((e) =>
          e.type === 'message-failed'
            ? { type: e.type, event: e.event, error: e.error.message }
            : e,
        );
      }
      if (command === 'sb-media-sessions') {
        const answer = await rtpengine.command({ command: 'list', limit: 100 });
        return { calls: Array.isArray(answer.calls) ? answer.calls.length : 0 };
      }
      return undefined;
    },
  };

  return {
    kamailio,
    rtpengine,
    peer,
    plugin,
    setupRouting,
    async stop() {
      routing?.service.dispose();
      routing?.engine.dispose();
      ivr.dispose();
      evapi.close();
      peer.close();
      ng.close();
      dtmf.close();
      await kamailio.stop();
      await rtpengine.stop();
    },
  };
}
