// Switchboard's widgets on a plain HTML page (index.html): per-element entries register the tags,
// one <sb-contact-center> gives the center to every widget inside it, and the page listens to the
// widgets' DOM events like any other. The center here is a local one seeded for the demo; a page
// talking to `switchboard serve` passes `createRemoteContactCenter(...)` from @switchboard/client
// instead, and nothing else changes.
//
// Build: `node examples/widgets-html/build.mjs` (esbuild) writes dist/app.js; then serve this folder.
import '@switchboard/widgets/contact-center';
import '@switchboard/widgets/agent-status';
import '@switchboard/widgets/interaction-panel';
import '@switchboard/widgets/queue-board';
import { createLocalContactCenter } from '@switchboard/core/contact-center';

const center = createLocalContactCenter();
await center.addQueue({ id: 'support', name: 'Support', requirements: [] });
// Nobody has the skill: what is queued here waits, so the board has a row to show.
await center.addQueue({
  id: 'billing',
  name: 'Billing',
  requirements: [{ skill: 'billing', minProficiency: 5 }],
});
await center.addAgent({ id: 'alice', name: 'Alice', skills: {} });
await center.login('alice');
await center.createInteraction({
  channel: 'chat',
  queueId: 'billing',
  customerId: 'c-1',
  attributes: { name: 'Ada Lovelace' },
});

const desk = document.getElementById('desk') as HTMLElementTagNameMap['sb-contact-center'];
desk.center = center;

const log = document.getElementById('log') as HTMLOListElement;
/** Adds a line to the page's log (as text: event details can carry customer data). */
function heard(line: string): void {
  const item = document.createElement('li');
  item.textContent = line;
  log.append(item);
}

// The widgets' events bubble and are composed: one listener around them hears them all.
desk.addEventListener('sb-request-presence', (event) => {
  const { choice } = event.detail;
  heard(`presence requested: ${choice.presence}${'reason' in choice ? ` (${choice.reason})` : ''}`);
});
desk.addEventListener('sb-queue-toggle', (event) => {
  heard(`queue ${event.detail.queueId} ${event.detail.expanded ? 'opened' : 'closed'}`);
});
desk.addEventListener('sb-error', (event) => {
  heard(`refused: ${event.detail.action}`);
});
