// The package imports in Node without a DOM (server-side rendering, tests of host apps): no DOM
// access at import, and the define entry does nothing harmful where no registry exists.
import { it } from 'node:test';
import assert from 'node:assert/strict';

it('imports every entry in Node without touching a DOM', async () => {
  const index = await import('./index.js');
  assert.equal(typeof index.SbAgentStatus, 'function');
  assert.equal(typeof index.SbQueueBoard, 'function');
  const define = await import('./define.js');
  define.defineAll();
  define.defineAll();
  await import('./components/agent-status/agent-status.js');
  await import('./components/queue-board/queue-board.js');
  await import('./components/interaction-panel/interaction-panel.js');
  await import('./components/ticket-list/ticket-list.js');
  await import('./components/wallboard/wallboard.js');
  await import('./components/ticket-detail/ticket-detail.js');
  await import('./components/customer-card/customer-card.js');
  await import('./components/visual-ivr/visual-ivr.js');
  await import('./components/agent-desktop/agent-desktop.js');
  await import('./components/contact-center-provider/contact-center-provider.js');
  const registry = (globalThis as { customElements?: CustomElementRegistry }).customElements;
  if (registry) assert.equal(registry.get('sb-agent-status'), index.SbAgentStatus);
});

it('matches BCP 47 tags to the shipped locales', async () => {
  const { matchLocale } = await import('./i18n/locale.js');
  assert.equal(matchLocale('zh'), 'zh-CN');
  assert.equal(matchLocale('zh-Hans-CN'), 'zh-CN');
  assert.equal(matchLocale('zh-TW'), 'en');
  assert.equal(matchLocale('fr'), 'en');
  assert.equal(matchLocale(undefined), 'en');
});

it('formats durations, counts and shares through Intl', async () => {
  const { formatCount, formatDuration, formatPercent } = await import('./i18n/format.js');
  assert.equal(formatDuration('en', 65_000), '1:05');
  assert.equal(formatDuration('en', 3_723_000), '1:02:03');
  assert.equal(formatDuration('en', -5), '0:00');
  assert.equal(formatCount('en', 10_000), '10,000');
  assert.equal(formatPercent('zh-CN', 0.875), '88%');
});
