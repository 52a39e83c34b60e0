import { expect } from '@open-wc/testing';
import { Ringer } from './ringer.js';
import type { RingerAudioContext } from './ringer.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;

describe('Ringer', () => {
  it('rings with a synthesised tone through its output element and stops', async () => {
    const output = document.createElement('audio');
    const ringer = new Ringer({ output, volume: 0.3 });
    await ringer.unlock();
    await ringer.start({ title: 'Incoming call' });
    expect(ringer.getSnapshot().status).to.equal('ringing');
    expect(output.srcObject).to.be.instanceOf(MediaStream);
    ringer.setVolume(2);
    expect(ringer.getSnapshot().volume).to.equal(1);
    ringer.stop();
    expect(ringer.getSnapshot().status).to.equal('idle');
  });

  it('reports blocked when autoplay is refused, and rings once a gesture arms it', async () => {
    let state = 'suspended';
    const real = new AudioContext();
    const ctx: RingerAudioContext = {
      get state() {
        return state;
      },
      get currentTime() {
        return real.currentTime;
      },
      resume: () =>
        gesture
          ? ((state = 'running'), real.resume())
          : Promise.reject(new Error('NotAllowedError')),
      createOscillator: () => real.createOscillator(),
      createGain: () => real.createGain(),
      destination: real.destination,
    };
    let gesture = false;
    const ringer = new Ringer({ createAudioContext: () => ctx });
    const target = new EventTarget();
    ringer.arm(target);
    await ringer.start({ title: 'Incoming call' });
    expect(ringer.getSnapshot().status).to.equal('blocked');
    gesture = true;
    target.dispatchEvent(new Event('pointerdown'));
    await new Promise((r) => setTimeout(r, 20));
    expect(ringer.getSnapshot().armed).to.equal(true);
    expect(ringer.getSnapshot().status).to.equal('ringing');
    ringer.stop();
  });
});
