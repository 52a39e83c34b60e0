import { expect } from '@open-wc/testing';
import { createWebAudioMixer } from './web-audio-mixer.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;
declare const afterEach: (body: () => void) => void;

const CUSTOMER = 440;
const AGENT = 660;
const SUPERVISOR = 1000;
/** The agent's second microphone. */
const SWITCHED = 770;
const context = new AudioContext({ sampleRate: 48_000 });
const cleanups: (() => void)[] = [];

function tone(frequency: number): MediaStreamTrack {
  const oscillator = context.createOscillator();
  oscillator.frequency.value = frequency;
  const destination = context.createMediaStreamDestination();
  oscillator.connect(destination);
  oscillator.start();
  cleanups.push(() => oscillator.stop());
  return destination.stream.getAudioTracks()[0]!;
}

/** Two connected peer connections on loopback; `a` sends `fromA`, `b` sends `fromB`. */
async function pair(fromA: MediaStreamTrack, fromB: MediaStreamTrack) {
  const a = new RTCPeerConnection();
  const b = new RTCPeerConnection();
  cleanups.push(
    () => a.close(),
    () => b.close(),
  );
  a.onicecandidate = (e) => e.candidate && void b.addIceCandidate(e.candidate);
  b.onicecandidate = (e) => e.candidate && void a.addIceCandidate(e.candidate);
  a.addTrack(fromA, new MediaStream([fromA]));
  b.addTrack(fromB, new MediaStream([fromB]));
  await a.setLocalDescription(await a.createOffer());
  await b.setRemoteDescription(a.localDescription!);
  await b.setLocalDescription(await b.createAnswer());
  await a.setRemoteDescription(b.localDescription!);
  return { a, b };
}

/** Level (dBFS) of `frequency` in `track` now (one FFT frame); plays it, as Chromium requires. */
function meter(track: MediaStreamTrack): (frequency: number) => number {
  const stream = new MediaStream([track]);
  const element = new Audio();
  element.muted = true;
  element.srcObject = stream;
  void element.play();
  const analyser = context.createAnalyser();
  analyser.fftSize = 8192;
  analyser.smoothingTimeConstant = 0;
  context.createMediaStreamSource(stream).connect(analyser);
  const bins = new Float32Array(analyser.frequencyBinCount);
  return (frequency) => {
    analyser.getFloatFrequencyData(bins);
    const centre = Math.round(frequency / (context.sampleRate / analyser.fftSize));
    return Math.max(...[-2, -1, 0, 1, 2].map((d) => bins[centre + d] ?? -Infinity));
  };
}

async function until(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const AUDIBLE = -70;
/**
 * How far `frequency` stands above its neighbours 60 Hz away (dB): a tone stands out by tens of
 * dB; without it, the level there is the smooth floor (MediaStream hops between contexts and Opus
 * spread a little of every tone around it), within a few dB of its neighbours.
 */
const peak = (level: (f: number) => number, frequency: number) =>
  level(frequency) - Math.max(level(frequency - 60), level(frequency + 60));
const TONE = 15;
const NO_TONE = 6;

describe('createWebAudioMixer', () => {
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  it('mixes customer and agent for the supervisor; barge swaps the agent’s track and restores it', async () => {
    await context.resume();
    // the agent's call: `customer` is the far end (440 Hz), `agent` the agent's side (660 Hz)
    const { a: customer, b: agent } = await pair(tone(CUSTOMER), tone(AGENT));
    // the monitor call: the supervisor (1000 Hz) sends to the agent's side
    const { b: monitor } = await pair(tone(SUPERVISOR), tone(1));
    await until('the calls carry audio', () =>
      [agent, monitor].every((pc) => pc.getReceivers()[0]?.track.readyState === 'live'),
    );
    const agentTrack = agent.getSenders()[0]!.track;
    let played: MediaStream | undefined;
    const mixer = await createWebAudioMixer(
      { peerConnection: agent },
      { playToAgent: (stream) => (played = stream) },
    );
    mixer.setSupervisor(monitor);
    if (!played) throw new Error('nothing played to the agent');
    const agentHears = meter(played.getAudioTracks()[0]!);

    const supervisorHears = meter(mixer.toSupervisor.getAudioTracks()[0]!);
    await until(
      'the supervisor’s mix has the customer and the agent',
      () =>
        supervisorHears(CUSTOMER) > AUDIBLE &&
        peak(supervisorHears, CUSTOMER) > TONE &&
        peak(supervisorHears, AGENT) > TONE,
    );
    expect(peak(supervisorHears, SUPERVISOR)).to.be.below(NO_TONE);

    const customerHears = meter(customer.getReceivers()[0]!.track);
    await mixer.setMode('whisper');
    expect(agent.getSenders()[0]!.track).to.equal(agentTrack);
    await until('the agent hears the whisper', () => peak(agentHears, SUPERVISOR) > TONE);
    await mixer.setMode('listen');
    await until('a listener is not played to the agent', () => agentHears(SUPERVISOR) < -100);
    await mixer.setMode('barge');
    expect(agent.getSenders()[0]!.track).not.to.equal(agentTrack);
    await until(
      'the customer hears the supervisor and the agent',
      () => peak(customerHears, SUPERVISOR) > TONE && peak(customerHears, AGENT) > TONE,
    );
    await mixer.setMode('listen');
    expect(agent.getSenders()[0]!.track).to.equal(agentTrack);
    await until('the barge leaves the customer', () => peak(customerHears, SUPERVISOR) < NO_TONE);

    // a microphone switch (as DeviceManager does it) during a barge: the mix follows the new device
    await mixer.setMode('barge');
    const newMicrophone = tone(SWITCHED);
    await agent.getSenders()[0]!.replaceTrack(newMicrophone);
    await until(
      'the supervisor hears the new microphone',
      () => peak(supervisorHears, SWITCHED) > TONE,
    );
    await until(
      'the customer still hears the barge, and the new microphone',
      () => peak(customerHears, SUPERVISOR) > TONE && peak(customerHears, SWITCHED) > TONE,
    );
    mixer.dispose();
    await until(
      'dispose restores the agent’s (new) track',
      () => agent.getSenders()[0]!.track === newMicrophone,
    );
    mixer.dispose();
  });

  it('refuses a call without media with MONITOR_MIX_FAILED', async () => {
    const error = await createWebAudioMixer({ peerConnection: undefined }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as { code?: string }).code).to.equal('MONITOR_MIX_FAILED');
  });
});
