// The plain-HTML example as a visitor meets it: index.html loads the esbuild bundle of app.ts
// (built by the browser runner, scripts/e2e/run-browser.ts, with build.mjs's options) in
// Chromium under its strict CSP; the elements render and their events reach the page's handler.
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

describe('examples/widgets-html', () => {
  it('renders the widgets from the bundle, and the page hears their events', async () => {
    const frame = await open('/examples/widgets-html/index.html');
    const doc = frame.contentDocument as Document;
    const status = doc.querySelector('sb-agent-status');
    await waitUntil(
      () => shadowPart(status, 'state')?.textContent?.trim() === 'Available',
      'the agent status renders',
    );
    const board = doc.querySelector('sb-queue-board');
    await waitUntil(
      () => board?.shadowRoot?.querySelector('[part~="queue"][data-queue="billing"]'),
      'the queue board renders',
    );
    const panel = doc.querySelector('sb-interaction-panel');
    await waitUntil(
      () => shadowPart(panel, 'message')?.textContent === 'No interaction in hand.',
      'the interaction panel renders',
    );
    const log = doc.getElementById('log') as HTMLElement;
    expect(log.children.length).to.equal(0);

    const select = shadowPart(status, 'select') as HTMLSelectElement;
    select.value = 'not-ready:lunch';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => log.textContent?.includes('presence requested'), 'the page heard it');
    expect(log.lastElementChild?.textContent).to.equal('presence requested: not-ready (lunch)');
    await waitUntil(
      () => shadowPart(status, 'state')?.textContent?.trim() === 'Not ready: Lunch',
      'the center took it',
    );

    const toggle = board?.shadowRoot?.querySelector<HTMLButtonElement>(
      '[part~="queue"][data-queue="billing"] [part~="toggle"]',
    );
    toggle?.click();
    await waitUntil(() => log.children.length === 2, 'the page heard the toggle');
    expect(log.lastElementChild?.textContent).to.equal('queue billing opened');
    await waitUntil(
      () => shadowPart(board, 'row')?.textContent?.includes('Ada Lovelace'),
      'the waiting chat shows',
    );
    frame.remove();
  });
});
