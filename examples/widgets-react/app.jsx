// Switchboard's widgets in a React 19 page. React 19 renders custom elements natively: a prop
// the element defines (`center`, `reasons`) is set as a property, other strings as attributes
// (`agent-id`), and `on<event-name>` adds a DOM event listener (`onsb-request-presence`), so the
// widgets need no wrapper components. The center here is a local one seeded for the demo; with
// `switchboard serve`, pass `createRemoteContactCenter(...)` from @switchboard/client instead.
//
// Build: `node examples/widgets-react/build.mjs` (esbuild) writes dist/app.js; then serve this folder.
import { StrictMode, useCallback, useState } from 'react';
import { createRoot } from 'react-dom/client';
import '@switchboard/widgets/contact-center';
import '@switchboard/widgets/agent-status';
import '@switchboard/widgets/queue-board';
import { createLocalContactCenter } from '@switchboard/core/contact-center';

/** A local center with one agent and a chat waiting in a queue nobody can take. */
async function demoCenter() {
  const center = createLocalContactCenter();
  await center.addQueue({ id: 'support', name: 'Support', requirements: [] });
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
  return center;
}

const REASONS = ['break', 'lunch', 'coaching'];

function AgentDesk({ center }) {
  const [heard, setHeard] = useState([]);
  const add = useCallback((line) => setHeard((lines) => [...lines, line]), []);
  const onPresence = useCallback(
    (event) => {
      const { choice } = event.detail;
      add(`presence requested: ${choice.presence}${choice.reason ? ` (${choice.reason})` : ''}`);
    },
    [add],
  );
  const onQueueToggle = useCallback(
    (event) => add(`queue ${event.detail.queueId} ${event.detail.expanded ? 'opened' : 'closed'}`),
    [add],
  );
  return (
    <main>
      <h1>Agent desk</h1>
      <sb-contact-center center={center}>
        <sb-agent-status agent-id="alice" reasons={REASONS} onsb-request-presence={onPresence} />
        <sb-queue-board onsb-queue-toggle={onQueueToggle} />
      </sb-contact-center>
      <h2>What the page heard</h2>
      <ol id="log" aria-live="polite">
        {heard.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ol>
    </main>
  );
}

const center = await demoCenter();
createRoot(document.getElementById('root')).render(
  <StrictMode>
    <AgentDesk center={center} />
  </StrictMode>,
);
