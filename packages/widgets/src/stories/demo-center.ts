// A simulated contact center for the stories: a local ContactCenter on a virtual clock stopped at
// a fixed instant, so every story (and every screenshot of it) renders the same way each time.
import {
  createLocalContactCenter,
  type LocalContactCenter,
} from '@switchboard/core/contact-center';
import { VirtualClock, sequentialIds } from '@switchboard/core/shared';

/** The instant every story shows: Friday 4 December 2026, 09:30 UTC. */
export const STORY_NOW = Date.UTC(2026, 11, 4, 9, 30, 0);

/** A center with queues, agents in every state, waiting customers and tickets. */
export interface DemoCenter {
  readonly center: LocalContactCenter;
  readonly clock: VirtualClock;
  /** The agent on a call (`bob`), and that call's id. */
  readonly busyAgent: string;
  readonly callId: string;
}

/** What {@link demoCenter} builds. */
export interface DemoCenterOptions {
  /** Waiting interactions in the `backlog` queue, which no agent serves (default 6). */
  readonly waiting?: number;
  /** Build queues and agents only: nobody waiting, no tickets. */
  readonly empty?: boolean;
}

const CUSTOMERS = [
  'Grace Hopper',
  'Ada Lovelace',
  '李雷',
  'Alan Turing',
  '韩梅梅',
  'Katherine Johnson',
];

/** Builds the demo center; resolves once every record is in place. */
export async function demoCenter(options: DemoCenterOptions = {}): Promise<DemoCenter> {
  const clock = new VirtualClock(STORY_NOW - 20 * 60_000);
  const center = createLocalContactCenter({ clock, ids: sequentialIds() });
  await center.addQueue({
    id: 'billing',
    name: 'Billing',
    requirements: [{ skill: 'billing', minProficiency: 3 }],
  });
  await center.addQueue({
    id: 'sales',
    name: 'Sales',
    requirements: [{ skill: 'sales', minProficiency: 1 }],
  });
  await center.addQueue({
    id: 'backlog',
    name: 'Back office',
    requirements: [{ skill: 'archive', minProficiency: 1 }],
  });
  await center.addAgent({ id: 'alice', skills: { billing: 7, sales: 3 } });
  await center.addAgent({ id: 'bob', skills: { billing: 5 } });
  await center.addAgent({ id: 'carol', skills: { sales: 8 } });
  await center.addAgent({ id: 'dave', skills: { sales: 4 } });
  await center.login('bob');
  const call = await center.createInteraction({ channel: 'voice', queueId: 'billing' });
  await center.acceptOffer(call.id);
  await center.login('carol');
  await center.setPresence('carol', { presence: 'not-ready', reason: 'break' });
  await center.login('dave');
  const chat = await center.createInteraction({ channel: 'chat', queueId: 'sales' });
  await center.acceptOffer(chat.id);
  clock.advance(4 * 60_000);
  await center.end(chat.id);
  if (!options.empty) {
    const waiting = options.waiting ?? 6;
    for (let i = 0; i < waiting; i++) {
      const name = CUSTOMERS[i % CUSTOMERS.length] ?? 'Customer';
      await center.createInteraction({
        channel: i % 3 === 0 ? 'voice' : i % 3 === 1 ? 'chat' : 'email',
        queueId: 'backlog',
        attributes: { name: i < CUSTOMERS.length ? name : `${name} ${i}` },
      });
      if (i < 50) clock.advance(20_000);
    }
    await center.createTicket({
      subject: 'Refund for order 42',
      requesterId: 'grace',
      priority: 'high',
      agentId: 'alice',
    });
    await center.createTicket({
      subject: '发票抬头错误',
      requesterId: 'lilei',
      priority: 'normal',
      agentId: 'alice',
    });
    await center.createTicket({
      subject: 'Parcel arrived damaged',
      requesterId: 'ada',
      priority: 'urgent',
      agentId: 'alice',
    });
  }
  clock.advance(Math.max(0, STORY_NOW - clock.now()));
  return { center, clock, busyAgent: 'bob', callId: call.id };
}

/** The theme and locale a story was asked for (toolbar globals, or the screenshot test's URL). */
export function storyLook(globals: Record<string, unknown>): {
  theme: 'light' | 'dark';
  locale: 'en' | 'zh-CN';
} {
  return {
    theme: globals['theme'] === 'dark' ? 'dark' : 'light',
    locale: globals['locale'] === 'zh-CN' ? 'zh-CN' : 'en',
  };
}
