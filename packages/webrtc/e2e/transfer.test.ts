import { expect } from '@open-wc/testing';
import { makePhone, connectedCall, nextIncoming, stopAllPhones } from './helpers.js';
import type { Call } from '../src/phone/call.js';

describe('scenario 4: blind transfer A -> B -> C', () => {
  afterEach(() => stopAllPhones());

  it('B transfers A to C with REFER; A and C end up connected and B is released', async () => {
    const a = await makePhone('alice');
    const b = await makePhone('bob');
    const c = await makePhone('carol');
    await Promise.all([a.start(), b.start(), c.start()]);

    const [call, bCall] = await connectedCall(a, b, 'bob');

    const atC = nextIncoming(c);
    const aNewCall = new Promise<Call>((resolve) => {
      const off = a.onEvent((e) => {
        if (e.type === 'call-added' && e.call !== call) {
          off();
          resolve(e.call);
        }
      });
    });
    bCall.transfer('sip:carol@127.0.0.1');
    const cCall = await atC;
    expect(cCall.getSnapshot().remoteUri).to.contain('alice');
    cCall.answer();
    const transferred = await aNewCall;
    await Promise.all([transferred.when('connected'), cCall.when('connected')]);
    await bCall.when('ended');
    expect(bCall.getInteraction().status).to.equal('transferred');
    expect(bCall.getInteraction().timeline.map((e) => e.type)).to.include.members([
      'transfer-requested',
      'transfer-progress',
      'call-transferred',
    ]);
    await call.when('ended');
    expect(call.getInteraction().timeline.map((e) => e.type)).to.include('transfer-received');
    expect(transferred.getSnapshot().remoteUri).to.contain('carol');
    transferred.hangup();
    await cCall.when('ended');
  });
});

describe('attended transfer', () => {
  afterEach(() => stopAllPhones());

  it('B consults C, then connects A to C (REFER with Replaces)', async () => {
    const a = await makePhone('alice');
    const b = await makePhone('bob');
    const c = await makePhone('carol');
    await Promise.all([a.start(), b.start(), c.start()]);
    const [, bCall] = await connectedCall(a, b, 'bob');
    bCall.hold();
    await bCall.when('held');

    const [consult, cConsult] = await connectedCall(b, c, 'carol');

    const replacing = nextIncoming(c);
    bCall.attendedTransfer(consult);
    const cNew = await replacing;
    await cNew.when('connected');
    await cConsult.when('ended');
    await bCall.when('ended');
    await consult.when('ended');
    expect(cNew.getSnapshot().remoteUri).to.contain('alice');
    expect(bCall.getInteraction().status).to.equal('transferred');
  });
});
