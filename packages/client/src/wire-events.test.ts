import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContactCenterEvent } from '@switchboard/core/contact-center';
import type { WireEvent, WireEventOf } from './wire-events.js';

// Compile-time proofs (the test fails to type-check when the document and core drift apart):
// the same event types, and for each type the same field names.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type CoreOf<T extends ContactCenterEvent['type']> = Extract<ContactCenterEvent, { type: T }>;
type FieldsMatch = {
  [T in ContactCenterEvent['type']]: T extends WireEvent['type']
    ? Same<keyof CoreOf<T>, keyof WireEventOf<T>>
    : false;
}[ContactCenterEvent['type']];

const sameTypes: Same<ContactCenterEvent['type'], WireEvent['type']> = true;
const sameFields: Same<FieldsMatch, true> = true;

test('the document types every core event, with the same fields', () => {
  assert.equal(sameTypes, true);
  assert.equal(sameFields, true);
  // Narrowing on `type` reaches the typed fields of one event.
  const wire = {
    type: 'interaction-offered',
    at: 1,
    interactionId: 'ix-1',
    agentId: 'alice',
    queueId: 'support',
    reason: { trigger: 'interaction-waiting', strategy: 'longest-idle', step: 0 },
    expiresAt: 2,
  } as WireEvent;
  assert.equal(wire.type === 'interaction-offered' ? wire.agentId : undefined, 'alice');
});

test('a stored chat message is typed as core types it (transcript-message-added)', () => {
  const wire: WireEventOf<'transcript-message-added'> = {
    type: 'transcript-message-added',
    at: 5,
    interactionId: 'ix-1',
    agentId: null,
    message: { seq: 1, at: 5, from: 'customer', text: 'Hi' },
  };
  // What the socket carries is what core's listeners receive, field for field.
  const core: CoreOf<'transcript-message-added'> = wire;
  const back: WireEventOf<'transcript-message-added'> = { ...core, message: { ...core.message } };
  assert.deepEqual(back, wire);
  const event = { ...wire, agentId: 'alice' } as WireEvent;
  assert.equal(event.type === 'transcript-message-added' ? event.message.text : undefined, 'Hi');
});
