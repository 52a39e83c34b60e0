import { expect } from '@open-wc/testing';
import { attack, code } from './attack-helpers.js';

interface HttpAnswer {
  status: number;
  body: string;
}

describe('issue 11: Kamailio refuses each attack (secure options, real Kamailio)', () => {
  it('JSON-RPC on the agent-facing WebSocket port is refused 403; only the loopback control listener serves it', async () => {
    const r = await attack<{
      agentPort: HttpAnswer;
      agentPortKill: HttpAnswer;
      controlListener: HttpAnswer;
    }>('rpc-on-agent-port');
    expect(r.agentPort.status).to.equal(403);
    expect(r.agentPort.body).not.to.contain('kamailio');
    expect(r.agentPortKill.status).to.equal(403);
    // the control listener still works (and Kamailio survived the core.kill attempt)
    expect(r.controlListener.status).to.equal(200);
    expect(r.controlListener.body).to.contain('"result":"kamailio');
  });

  it('alice cannot REGISTER as bob: 403 with her credentials, 401 without any', async () => {
    const r = await attack<Record<string, string>>('register-as-other');
    expect(code(r.own), 'alice registers as herself').to.equal(200);
    expect(code(r.toBobFromAlice)).to.equal(403);
    expect(code(r.asBobWithAliceCredentials)).to.equal(403);
    expect(code(r.asBobWithoutCredentials)).to.equal(401);
  });

  it('an in-dialog request with a Route to another address is not relayed (403)', async () => {
    const r = await attack<Record<string, string>>('in-dialog-foreign-route');
    expect(code(r.routeElsewhere)).to.equal(403);
    expect(code(r.ourRouteTargetElsewhere)).to.equal(403);
    expect(code(r.noRoute)).to.equal(404);
  });

  it('an unauthenticated INVITE with a spoofed From never reaches an agent', async () => {
    const r = await attack<Record<string, unknown>>('spoofed-invite');
    expect(code(r.bobRegistered)).to.equal(200);
    expect(code(r.webSocketNoCredentials), 'challenged').to.equal(407);
    expect(code(r.webSocketFromNotAuthUser), 'carol cannot call as alice').to.equal(403);
    expect(code(r.udpUntrusted), 'untrusted UDP source').to.equal(403);
    expect(code(r.trustedTrunkToAgent), 'a trunk may call queues only').to.equal(403);
    // the trusted trunk's call to the queue is queued, under an id the service made
    expect(r.trunkToQueueProvisional).to.include(100);
    expect(r.trunkToQueueInteraction).to.be.a('string');
    expect(r.trunkToQueueInteraction).not.to.equal('ix-from-the-caller');
    expect(code(r.trunkToQueueFinal)).to.equal(487);
  });

  it('a repeated X-Switchboard-Interaction id is refused by the routing service, which keeps running', async () => {
    const r = await attack<{
      queued: string[];
      refused: string[];
      active: number;
      finals: string[];
    }>('repeated-interaction-id');
    expect(r.queued[0]).to.equal('ix-repeated');
    expect(r.queued[1]).to.be.a('string').and.not.equal('ix-repeated');
    expect(r.refused).to.include('in-use');
    expect(r.active).to.be.at.least(2);
    expect(r.finals.map(code)).to.deep.equal([487, 487]);
  });

  it('evapi listens only on the loopback control listener, apart from every SIP listener', async () => {
    const r = await attack<{
      evapiBind: string;
      listens: string[];
      controlHost: string;
      evapiPort: number;
      evapiOnAgentAddress: boolean;
      evapiOnControlAddress: boolean;
      rpcOnAgentAddress: boolean;
    }>('evapi-loopback-only');
    expect(r.evapiBind).to.equal(`${r.controlHost}:${r.evapiPort}`);
    expect(r.controlHost).to.match(/^127\./);
    const sip = r.listens.filter((l) => !l.includes(r.controlHost));
    expect(sip.length).to.be.greaterThan(0);
    for (const line of r.listens) expect(line).not.to.contain(`:${r.evapiPort}`);
    expect(r.evapiOnControlAddress).to.equal(true);
    expect(r.evapiOnAgentAddress, 'evapi is not on the SIP address').to.equal(false);
    expect(r.rpcOnAgentAddress, 'the control listener is not on the SIP address').to.equal(false);
  });

  it('a flooding address is banned: its requests are dropped while another address is served', async () => {
    const r = await attack<{
      sent: number;
      answered: number;
      answeredStatuses: string[];
      droppedWhileBanned: number;
      bystander: string;
    }>('flood');
    expect(r.answered).to.be.lessThan(r.sent);
    expect(r.droppedWhileBanned).to.be.greaterThan(0);
    expect(r.answeredStatuses.map(code)).to.deep.equal([403]);
    expect(code(r.bystander)).to.equal(403);
  });

  it('agents register over WSS with the configured certificate (self-signed, made by openssl)', async () => {
    const r = await attack<{ url: string; register: string }>('wss-register');
    expect(r.url).to.match(/^wss:\/\/127\.0\.0\.1:\d+$/);
    expect(code(r.register)).to.equal(200);
  });
});
