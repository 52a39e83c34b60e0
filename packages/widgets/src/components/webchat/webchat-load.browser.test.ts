// sb-webchat when its window's content cannot be loaded (offline, a new deployment): msw's
// Service Worker fails the request for the lazily loaded module. A file of its own, so that no
// other test of this page has loaded that module before.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { createLocalContactCenter } from '@switchboard/core/contact-center';
import './webchat.js';
import { part } from '../../fixtures/widget-fixtures.js';
import type { SbWebchat } from './webchat.component.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;
declare const after: (body: () => Promise<void>) => void;

const worker = setupWorker(
  http.get(/\/webchat-session\.(js|ts)(\?|$)/, () => HttpResponse.error()),
);

describe('sb-webchat without its window content', () => {
  after(async () => {
    worker.stop();
    const registrations = await navigator.serviceWorker.getRegistrations();
    await Promise.all(
      registrations
        .filter((r) => r.active?.scriptURL.endsWith('/mockServiceWorker.js'))
        .map((r) => r.unregister()),
    );
  });

  it('says so in an alert when the content cannot load', async () => {
    await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
    const center = createLocalContactCenter();
    const el = await fixture<SbWebchat>(
      html`<sb-webchat queue-id="support" .center=${center}></sb-webchat>`,
    );
    el.toggle(true);
    await el.updateComplete;
    expect(part(el, 'status')?.textContent).to.equal('Opening the chat…');
    await waitUntil(() => part(el, 'error'), 'the alert shows', { timeout: 10_000 });
    expect(part(el, 'error')?.getAttribute('role')).to.equal('alert');
    expect(part(el, 'error')?.textContent).to.equal(
      'The chat could not be opened. Reload the page to try again.',
    );
    // The browser keeps a failed module import failed: a second opening says so at once.
    el.toggle(false);
    el.toggle(true);
    await el.updateComplete;
    expect(part(el, 'error')?.getAttribute('role')).to.equal('alert');
    center.dispose();
  });
});
