import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLocalContactCenter } from './index.js';
import type {
  ContactCenterEvent,
  RecordChange,
  StoredErasure,
  StoredRecords,
  Transcript,
} from './index.js';
import { VirtualClock } from '../shared/index.js';

const routingOptions = { wrapUpMs: 30_000 };

/** Folds record changes as a store would: the last change of each record wins. */
function fold(changes: readonly RecordChange[]): StoredRecords {
  const customers = new Map<string, unknown>();
  const messages = new Map<string, Map<number, unknown>>();
  const flows = new Map<string, unknown>();
  const views = new Map<string, unknown>();
  const erasures: StoredErasure[] = [];
  const apply = (c: RecordChange): void => {
    if (c.type === 'customer-saved') customers.set(c.customer.id, c.customer);
    else if (c.type === 'customer-removed') customers.delete(c.customerId);
    else if (c.type === 'transcript-message-saved') {
      const list = messages.get(c.interactionId) ?? new Map<number, unknown>();
      list.set(c.message.seq, c.message);
      messages.set(c.interactionId, list);
    } else if (c.type === 'flow-saved') flows.set(`${c.flow.id}@${c.flow.version}`, c.flow);
    else if (c.type === 'ticket-view-saved') views.set(c.view.id, c.view);
    else if (c.type === 'ticket-view-deleted') views.delete(c.viewId);
    else {
      c.records.forEach(apply);
      erasures.push(c.erasure);
    }
  };
  changes.forEach(apply);
  return {
    customers: [...customers.values()],
    transcripts: [...messages].map(
      ([interactionId, list]) => ({ interactionId, messages: [...list.values()] }) as Transcript,
    ),
    flows: [...flows.values()],
    ticketViews: [...views.values()],
    erasures,
  } as StoredRecords;
}

const flow = (version: number) => ({
  schema: 'switchboard.ivr.flow/1',
  id: 'main',
  version,
  languages: ['en'],
  timezone: 'UTC',
  start: 'q',
  nodes: [{ id: 'q', kind: 'enqueue', queue: 'support' }],
});

test('every record change is reported, and a center restored from them holds the same records', async () => {
  const clock = new VirtualClock(1_000_000);
  const changes: RecordChange[] = [];
  const center = createLocalContactCenter({
    clock,
    routingOptions,
    onRecordChange: (c) => changes.push(c),
  });
  await center.addQueue({ id: 'support', requirements: [] });
  const ada = await center.addCustomer({
    id: 'ada',
    identities: [{ kind: 'email', value: 'Ada@X.io' }],
  });
  await center.updateCustomer('ada', { version: ada.version, name: 'Ada' });
  const ix = await center.createInteraction({ channel: 'chat', queueId: 'support' });
  await center.addTranscriptMessage(ix.id, { from: 'customer', text: 'hi' });
  await center.saveFlow(flow(1));
  await center.publishFlow('main', 1);
  await center.saveFlow(flow(2));
  await center.publishFlow('main', 2);
  await center.saveTicketView({ id: 'v', name: 'V', filter: {} });
  await center.saveTicketView({ id: 'w', name: 'W', filter: {} });
  await center.deleteTicketView('w');
  assert.deepEqual(
    changes.map((c) => c.type),
    [
      'customer-saved',
      'customer-saved',
      'transcript-message-saved',
      'flow-saved',
      'flow-saved',
      'flow-saved',
      'flow-saved',
      'flow-saved',
      'ticket-view-saved',
      'ticket-view-saved',
      'ticket-view-deleted',
    ],
  );
  const copy = createLocalContactCenter({ clock, routingOptions, records: fold(changes) });
  assert.deepEqual(await copy.getCustomer('ada'), await center.getCustomer('ada'));
  assert.equal((await copy.findCustomer({ kind: 'email', value: 'ada@x.io' })).id, 'ada');
  assert.deepEqual(copy.records.transcripts.get(ix.id), center.records.transcripts.get(ix.id));
  assert.deepEqual(await copy.listFlows(), await center.listFlows());
  assert.deepEqual(await copy.getFlow('main', 1), await center.getFlow('main', 1));
  assert.deepEqual(await copy.listTicketViews(), await center.listTicketViews());
  center.dispose();
  copy.dispose();
});

test('an erasure reports the events to rewrite; a center rebuilt from them replays and shows no personal data', async () => {
  const clock = new VirtualClock(1_000_000);
  const changes: RecordChange[] = [];
  const events: ContactCenterEvent[] = [];
  const center = createLocalContactCenter({
    tenant: 'acme',
    clock,
    routingOptions,
    onRecordChange: (c) => changes.push(c),
  });
  center.subscribeEvents(({ event }) => events.push(event));
  await center.addQueue({ id: 'support', requirements: [] });
  await center.addAgent({ id: 'alice', skills: {} });
  await center.login('alice');
  await center.addCustomer({ id: 'cust-9', name: 'Grace' });
  const ix = await center.createInteraction({
    channel: 'chat',
    queueId: 'support',
    customerId: 'cust-9',
    attributes: { phone: '+15550199' },
  });
  await center.acceptOffer(ix.id);
  await center.addTranscriptMessage(ix.id, { from: 'customer', text: 'Grace, at home' });
  await center.end(ix.id);
  await center.wrapUp(ix.id, { disposition: 'ok', notes: 'Grace called' });
  const ticket = await center.createTicket({ subject: 'Grace', requesterId: 'cust-9' });
  const changed = await center.updateTicket(ticket.id, {
    version: ticket.version,
    subject: 'Grace again',
    description: 'at home',
  });
  await center.updateTicket(ticket.id, { version: changed.version, description: '' });
  await center.addTicketComment(ticket.id, {
    body: 'Grace wrote',
    author: { kind: 'customer', id: 'cust-9' },
  });

  await center.saveTicketView({ id: 'hers', name: 'Hers', filter: { requesterId: 'cust-9' } });
  const erasure = center.eraseCustomer('cust-9', 'erased-1');
  assert.deepEqual([erasure.interactions, erasure.transcriptMessages], [1, 1]);
  const last = changes.at(-1);
  assert.equal(last?.type, 'customer-erased');
  if (last?.type !== 'customer-erased') return;
  assert.deepEqual(last.erasure, {
    pseudonym: 'erased-1',
    interactionIds: [ix.id],
    ticketIds: [ticket.id],
  });
  const rewritten = events.map((e, i) => last.events.find((r) => r.seq === i + 1)?.event ?? e);
  const message = rewritten.find((e) => e.type === 'transcript-message-added');
  assert.deepEqual(
    message?.type === 'transcript-message-added' && [message.message.from, message.message.text],
    ['customer', '[erased]'],
    'the message event reads as the transcript does',
  );
  const text = JSON.stringify(rewritten);
  for (const secret of ['cust-9', 'Grace', '+15550199', 'at home']) {
    assert.ok(!text.includes(secret), `${secret} in the rewritten events`);
  }
  assert.deepEqual(
    JSON.stringify(center.readEvents(0, 1000).map((e) => e.event)),
    text,
    'what the center hands out is what a store rewrites',
  );

  const copy = createLocalContactCenter({
    tenant: 'acme',
    clock,
    routingOptions,
    history: rewritten,
    records: fold(changes),
  });
  assert.deepEqual(await copy.getInteraction(ix.id), await center.getInteraction(ix.id));
  assert.deepEqual(await copy.getTicket(ticket.id), await center.getTicket(ticket.id));
  assert.deepEqual(await copy.getKpis(), await center.getKpis());
  const shown = await copy.getTicket(ticket.id);
  assert.deepEqual(
    [shown.requesterId, shown.subject, shown.description, shown.comments[0]?.body],
    ['erased-1', '[erased]', '', '[erased]'],
  );
  await assert.rejects(copy.getCustomer('cust-9'), { code: 'NOT_FOUND' });
  assert.deepEqual(await copy.getTranscript(ix.id), await center.getTranscript(ix.id));
  // Queries answer alike before the restart (engines holding the erased id) and after it.
  for (const c of [center, copy]) {
    const ids = (page: { items: readonly { id: string }[] }) => page.items.map((t) => t.id);
    assert.deepEqual(ids(await c.runTicketView('hers')), [ticket.id]);
    assert.deepEqual(ids(await c.listTickets({ requesterId: 'erased-1' })), [ticket.id]);
    assert.deepEqual(ids(await c.listTickets({ requesterId: 'cust-9' })), []);
    assert.deepEqual(ids(await c.listTickets()), [ticket.id]);
  }
  center.dispose();
  copy.dispose();
});
