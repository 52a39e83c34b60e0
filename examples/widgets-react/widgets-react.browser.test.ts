// The React 19 example as a visitor meets it: index.html loads the esbuild bundle of app.jsx
// (built by the browser runner, scripts/e2e/run-browser.ts, with build.mjs's options) in
// Chromium under its strict CSP. React sets the center and the reasons as properties, `agent-id`
// as an attribute, and listens to the widgets' events through `onsb-…` props.
import { expect, waitUntil } from '@open-wc/testing';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;

/** Opens `path` in an iframe of the test page; resolves once it loaded. */
async function open(path: string): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.style.width = '1000px';
  frame.style.height = '800px';
  const loaded = new Promise((done) => frame.addEventListener('load', done, { once: true }));
  frame.src = path;
  document.body.append(frame);
  await loaded;
  return frame;
}

const shadowPart = (host: Element | null | undefined, name: string) =>
  host?.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;

describe('examples/widgets-react', () => {
  it('renders the widgets with properties and attributes, and React hears their events', async () => {
    const frame = await open('/examples/widgets-react/index.html');
    const doc = frame.contentDocument as Document;
    await waitUntil(() => doc.querySelector('sb-agent-status'), 'React rendered');
    const provider = doc.querySelector('sb-contact-center') as Element & { center?: unknown };
    const status = doc.querySelector('sb-agent-status') as Element & { reasons?: unknown };
    // Properties, not attributes: the center is an object and the reasons an array.
    expect(provider.hasAttribute('center')).to.equal(false);
    expect(typeof (provider.center as { listQueues?: unknown }).listQueues).to.equal('function');
    expect(status.reasons).to.deep.equal(['break', 'lunch', 'coaching']);
    expect(status.getAttribute('agent-id')).to.equal('alice');
    await waitUntil(
      () => shadowPart(status, 'state')?.textContent?.trim() === 'Available',
      'the agent status renders',
    );
    const options = [...(shadowPart(status, 'select') as HTMLSelectElement).options];
    expect(options.map((o) => o.value)).to.include('not-ready:coaching');
    const board = doc.querySelector('sb-queue-board');
    await waitUntil(
      () => board?.shadowRoot?.querySelector('[part~="queue"][data-queue="billing"]'),
      'the queue board renders',
    );

    const select = shadowPart(status, 'select') as HTMLSelectElement;
    select.value = 'not-ready:coaching';
    select.dispatchEvent(new Event('change'));
    const log = () => [...doc.querySelectorAll('#log li')].map((li) => li.textContent);
    await waitUntil(() => log().length === 1, 'React heard sb-request-presence');
    expect(log()).to.deep.equal(['presence requested: not-ready (coaching)']);
    await waitUntil(
      () => shadowPart(status, 'state')?.textContent?.trim().startsWith('Not ready'),
      'the element shows the new presence',
    );
    const center = provider.center as {
      getAgent(id: string): Promise<{ presence: string; notReadyReason?: string }>;
    };
    const alice = await center.getAgent('alice');
    expect([alice.presence, alice.notReadyReason]).to.deep.equal(['not-ready', 'coaching']);

    board?.shadowRoot
      ?.querySelector<HTMLButtonElement>('[part~="queue"][data-queue="billing"] [part~="toggle"]')
      ?.click();
    await waitUntil(() => log().length === 2, 'React heard sb-queue-toggle');
    expect(log()[1]).to.equal('queue billing opened');
    frame.remove();
  });
});
