import { expect } from '@open-wc/testing';
import { DisposedError } from '@switchboard/core/shared';
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
    // negotiationneeded is queued as a task: a transceiver added now fires it after any event the
    // switch would have queued, so once this one arrives the count is final
    const control = new Promise((resolve) =>
      a.addEventListener('negotiationneeded', resolve, { once: true }),
    );
    a.addTransceiver('audio');
    await control;
    expect(renegotiations).to.equal(1, 'only the control transceiver asked for renegotiation');
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
    const handled = new Promise<void>((resolve) =>
      devices.onEvent((e) => {
        events.push(e);
        if (e.type === 'devices-changed') resolve(); // the last event of a device change
      }),
    );
    list = [];
    target.dispatchEvent(new Event('devicechange'));
    await handled;
    expect(events.some((e) => e.type === 'device-lost' && e.kind === 'microphone')).to.equal(true);
    expect(devices.getSnapshot().microphoneId).to.equal(undefined);
  });

  it('dispose() removes the devicechange listener, stops its streams, and later commands throw', async () => {
    const real = navigator.mediaDevices;
    const target = new EventTarget();
    const added: string[] = [];
    const removed: string[] = [];
    let enumerations = 0;
    const fake = Object.assign(target, {
      enumerateDevices: () => {
        enumerations++;
        return real.enumerateDevices();
      },
      getUserMedia: (c: MediaStreamConstraints) => real.getUserMedia(c),
      addEventListener: (type: string, listener: EventListener) => {
        added.push(type);
        EventTarget.prototype.addEventListener.call(target, type, listener);
      },
      removeEventListener: (type: string, listener: EventListener) => {
        removed.push(type);
        EventTarget.prototype.removeEventListener.call(target, type, listener);
      },
    }) as unknown as MediaDevices;
    const devices = new DeviceManager({ mediaDevices: fake });
    await devices.refresh();
    const stream = await devices.acquire();
    expect(added).to.deep.equal(['devicechange']);
    devices.dispose();
    devices.dispose();
    expect(removed).to.deep.equal(['devicechange']);
    expect(stream.getAudioTracks()[0]?.readyState).to.equal('ended');
    const before = enumerations;
    target.dispatchEvent(new Event('devicechange'));
    expect(enumerations).to.equal(before, 'a device change is no longer followed');
    let refused: unknown;
    await devices.acquire().catch((e: unknown) => (refused = e));
    expect(refused).to.be.instanceOf(DisposedError);
    expect(() => devices.attachOutput(document.createElement('audio'))).to.throw(DisposedError);
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
