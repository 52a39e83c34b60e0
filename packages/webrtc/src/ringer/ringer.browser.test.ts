import { expect } from '@open-wc/testing';
import { DisposedError } from '@switchboard/core/shared';
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
    const ringing = new Promise<void>((resolve) =>
      ringer.subscribe(
        (snap) => snap.status,
        (status) => status === 'ringing' && resolve(),
      ),
    );
    target.dispatchEvent(new Event('pointerdown'));
    await ringing;
    expect(ringer.getSnapshot().armed).to.equal(true);
    ringer.stop();
  });

  it('dispose() stops ringing, removes the gesture listeners, closes its audio, and later commands throw', async () => {
    const real = new AudioContext();
    let closed = 0;
    const ctx: RingerAudioContext = {
      get state() {
        return real.state;
      },
      get currentTime() {
        return real.currentTime;
      },
      resume: () => real.resume(),
      createOscillator: () => real.createOscillator(),
      createGain: () => real.createGain(),
      destination: real.destination,
      close: () => {
        closed++;
        return real.close();
      },
    };
    const ringer = new Ringer({ createAudioContext: () => ctx });
    const target = new EventTarget();
    const removed: string[] = [];
    const remove = target.removeEventListener.bind(target);
    target.removeEventListener = (
      type: string,
      listener: EventListenerOrEventListenerObject | null,
    ) => {
      removed.push(type);
      remove(type, listener);
    };
    ringer.arm(target);
    await ringer.unlock();
    await ringer.start({ title: 'Incoming call' });
    expect(ringer.getSnapshot().status).to.equal('ringing');
    ringer.dispose();
    ringer.dispose();
    expect(ringer.getSnapshot().status).to.equal('idle');
    expect(removed).to.have.members(['pointerdown', 'keydown']);
    expect(closed).to.equal(1);
    ringer.stop();
    let refused: unknown;
    await ringer.start({ title: 'again' }).catch((e: unknown) => (refused = e));
    expect(refused).to.be.instanceOf(DisposedError);
    expect(() => ringer.setVolume(0.5)).to.throw(DisposedError);
  });
});
