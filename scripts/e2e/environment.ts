// What the browser suites can ask the Node side for (web-test-runner server commands): the
// Kamailio URLs and users, stopping/starting an instance, and the routing service's state.
import { RoutingEngine } from '../../packages/core/src/routing/index.js';
import type { RoutingEvent } from '../../packages/core/src/routing/index.js';
import { EvapiConnection } from '../../packages/adapters/src/kamailio/evapi-connection.js';
import { KamailioRoutingService } from '../../packages/adapters/src/kamailio/kamailio-routing-service.js';
import type { RoutingServiceEvent } from '../../packages/adapters/src/kamailio/kamailio-routing-service.js';
import { startKamailio } from './kamailio-process.js';
import { createSecurityEnvironment } from './security-environment.js';
import type { KamailioInstance } from './kamailio-process.js';

/** Users every e2e Kamailio accepts (user -> password). */
export const E2E_USERS: Readonly<Record<string, string>> = {
  alice: 'alice-pw',
  bob: 'bob-pw',
  carol: 'carol-pw',
  dave: 'dave-pw',
  erin: 'erin-pw',
  frank: 'frank-pw',
};

export interface E2eEnvironment {
  readonly primary: KamailioInstance;
  readonly secondary: KamailioInstance;
  /** web-test-runner plugin answering the suites' server commands. */
  readonly plugin: object;
  stop(): Promise<void>;
}

interface CommandContext {
  command: string;
  payload?: unknown;
}

export async function startE2eEnvironment(): Promise<E2eEnvironment> {
  const common = {
    users: E2E_USERS,
    queues: ['support'],
    ringTimeoutMs: 8000,
    logLevel: Number(process.env.SB_KAMAILIO_LOG ?? 1),
  };
  const primary = await startKamailio({ ...common, name: 'kamailio-primary' });
  const secondary = await startKamailio({ ...common, name: 'kamailio-secondary' });
  const instances: Record<string, KamailioInstance> = { primary, secondary };
  const security = createSecurityEnvironment();
  const evapi = new EvapiConnection({ port: primary.evapiPort });
  await evapi.connect();
  let routing:
    | {
        engine: RoutingEngine;
        service: KamailioRoutingService;
        events: (RoutingEvent | RoutingServiceEvent)[];
      }
    | undefined;
  const setupRouting = async (payload: {
    agents: { id: string; skills: Record<string, number> }[];
    maxWaitMs?: number;
  }) => {
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
    // logged in (available) in the order given, a few ms apart: the first has been idle longest
    for (const agent of payload.agents) {
      engine.addAgent({ id: agent.id, skills: agent.skills });
      engine.login(agent.id);
      await new Promise((r) => setTimeout(r, 5));
    }
    const service = new KamailioRoutingService({
      engine,
      channel: evapi,
      maxWaitMs: payload.maxWaitMs ?? 30_000,
    });
    service.onEvent((e) => events.push(e));
    routing = { engine, service, events };
  };
  const plugin = {
    name: 'switchboard-e2e-commands',
    async executeCommand({ command, payload }: CommandContext): Promise<unknown> {
      if (command.startsWith('sb-security-')) return security.execute(command, payload);
      if (command === 'sb-e2e-config') {
        return {
          domain: '127.0.0.1',
          users: E2E_USERS,
          primary: primary.wsUrl,
          secondary: secondary.wsUrl,
          unreachable: 'ws://127.0.0.1:9',
        };
      }
      if (command === 'sb-routing-setup') {
        await setupRouting(payload as Parameters<typeof setupRouting>[0]);
        return { ok: true };
      }
      if (command === 'sb-routing-events') {
        return (routing?.events ?? []).map((e) => JSON.parse(JSON.stringify(e)) as unknown);
      }
      if (command === 'sb-kamailio') {
        const { name, action } = payload as { name: string; action: 'stop' | 'start' | 'restart' };
        const instance = instances[name];
        if (!instance) throw new Error(`no Kamailio named ${name}`);
        if (action === 'stop' || action === 'restart') await instance.stop();
        if (action === 'start' || action === 'restart') await instance.start();
        return { ok: true };
      }
      return undefined;
    },
  };
  return {
    primary,
    secondary,
    plugin,
    async stop() {
      routing?.service.dispose();
      routing?.engine.dispose();
      evapi.close();
      await security.stop();
      await primary.stop();
      await secondary.stop();
    },
  };
}
