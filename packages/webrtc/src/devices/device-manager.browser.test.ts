import { expect } from '@open-wc/testing';
import { DeviceManager } from './device-manager.js';
import type { DeviceEvent } from './device-manager.js';

// mocha globals provided by web-test-runner
declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;

async function connectedPair(
  stream: MediaStream,
): Promise<{ a: RTCPeerConnection; b: RTCPeerConnection }> {
  const a = new RTCPeerConnection();
  const b = new RTCPeerConnection();
  a.onicecandidate = (e) => e.candidate && void b.addIceCandidate(e.candidate);
  b.onicecandidate = (e) => e.candidate && void a.addIceCandidate(e.candidate);
  for (const t of stream.getTracks()) a.addTrack(t, stream);
  await a.setLocalDescription(await a.createOffer({ offerToReceiveAudio: true }));
  await b.setRemoteDescription(a.localDescription as RTCSessionDescriptionInit);
  await b.setLocalDescription(await b.createAnswer());
  await a.setRemoteDescription(b.localDescription as RTCSessionDescriptionInit);
  return { a, b };
}

describe('DeviceManager (fake devices)', () => {
  it('lists microphones and acquires a stream from the chosen one', async () => {
    const devices = new DeviceManager();
    const stream = await devices.acquire();
    const snap = await devices.refresh();
    expect(snap.microphones.length).to.be.greaterThan(0);
    expect(stream.getAudioTracks()).to.have.length(1);
    devices.release(stream);
    expect(stream.getAudioTracks()[0]?.readyState).to.equal('ended');
  });

  it('switches the microphone mid-call by replacing the sender track (no renegotiation)', async () => {
    const devices = new DeviceManager();
    const stream = await devices.acquire();
    const { a, b } = await connectedPair(stream);
    devices.attachConnection(a);
    const before = a.getSenders()[0]?.track;
    let renegotiations = 0;
    a.addEventListener('negotiationneeded', () => renegotiations++);
    const events: DeviceEvent[] = [];
    devices.onEvent((e) => events.push(e));
    const mics = (await devices.refresh()).microphones;
    await devices.selectMicrophone(mics[mics.length - 1]?.deviceId);
    const after = a.getSenders()[0]?.track;
    expect(after).to.not.equal(before);
    expect(after?.readyState).to.equal('live');
    expect(before?.readyState).to.equal('ended');
    expect(stream.getAudioTracks()[0]).to.equal(after);
    expect(events.some((e) => e.type === 'microphone-switched')).to.equal(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(renegotiations).to.equal(0);
    devices.release(stream);
    a.close();
    b.close();
  });

  it('falls back to the default and reports device-lost when the chosen microphone disappears', async () => {
    const real = navigator.mediaDevices;
    let list: MediaDeviceInfo[] = (await real.enumerateDevices()).filter(
      (d) => d.kind === 'audioinput',
    );
    const target = new EventTarget();
    const fake = Object.assign(target, {
      enumerateDevices: () => Promise.resolve(list),
      getUserMedia: (c: MediaStreamConstraints) => real.getUserMedia({ ...c, audio: true }),
    }) as unknown as MediaDevices;
    const devices = new DeviceManager({ mediaDevices: fake });
    await devices.refresh();
    const chosen = list[0]?.deviceId ?? 'x';
    await devices.selectMicrophone(chosen);
    const events: DeviceEvent[] = [];
    devices.onEvent((e) => events.push(e));
    list = [];
    target.dispatchEvent(new Event('devicechange'));
    await new Promise((r) => setTimeout(r, 100));
    expect(events.some((e) => e.type === 'device-lost' && e.kind === 'microphone')).to.equal(true);
    expect(devices.getSnapshot().microphoneId).to.equal(undefined);
  });

  it('applies the chosen speaker to attached outputs where setSinkId exists', async () => {
    const devices = new DeviceManager();
    const audio = devices.attachOutput(document.createElement('audio'));
    await devices.selectSpeaker('');
    expect(devices.getSnapshot().canChooseOutput).to.equal(
      typeof (audio as unknown as { setSinkId?: unknown }).setSinkId === 'function',
    );
  });
});
