// Supervisor monitoring end to end: a plain-RTP caller (the customer, a 440 Hz tone) reaches a
// browser agent through Kamailio and rtpengine (the agent's microphone: 660 Hz); a supervisor's
// browser phone (its microphone: 1000 Hz) monitors the call through the agent's MonitorResponder.
// Each party is told apart by its frequency: in the browser with an AnalyserNode, on the
// customer's RTP with a Goertzel filter (peer-tones.ts).
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import {
  makePhone,
  nextIncoming,
  stopAllPhones,
  waitFor,
} from '../../../packages/webrtc/e2e/helpers.js';
import {
  expectTwoWayAudio,
  mediaConfig,
  mediaPhone,
  peer,
  setupMediaRouting,
} from '../../../packages/webrtc/e2e/media-helpers.js';
import { MonitorResponder } from '../../../packages/webrtc/src/monitor/monitor-responder.js';
import type { MonitorResponderEvent } from '../../../packages/webrtc/src/monitor/monitor-responder.js';
import { monitorAgent } from '../../../packages/webrtc/src/monitor/monitor-session.js';
import { createWebAudioMixer } from '../../../packages/webrtc/src/monitor/web-audio-mixer.js';

// mocha's globals (web-test-runner provides them; scripts/ is type-checked without mocha's types)
declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;
declare const afterEach: (body: () => Promise<void>) => void;

const CUSTOMER = 440;
const AGENT = 660;
const SUPERVISOR = 1000;

/** A microphone playing a steady tone (the supervisor's voice). */
function toneSource(frequency: number) {
  return {
    acquire: async (): Promise<MediaStream> => {
      const context = new AudioContext({ sampleRate: 48_000 });
      const oscillator = context.createOscillator();
      oscillator.frequency.value = frequency;
      const gain = context.createGain();
      gain.gain.value = 0.4;
      const destination = context.createMediaStreamDestination();
      oscillator.connect(gain).connect(destination);
      oscillator.start();
      await context.resume();
      return destination.stream;
    },
    release: (stream: MediaStream | undefined) => stream?.getTracks().forEach((t) => t.stop()),
    playRemote: (stream: MediaStream) => {
      const audio = new Audio();
      audio.srcObject = stream;
      void audio.play();
    },
  };
}

const listening = new AudioContext({ sampleRate: 48_000 });

/** Level (dBFS) of each frequency in `track`, from one FFT frame (2.9 Hz bins). */
function tonesIn(track: MediaStreamTrack) {
  const analyser = listening.createAnalyser();
  analyser.fftSize = 16_384;
  analyser.smoothingTimeConstant = 0;
  listening.createMediaStreamSource(new MediaStream([track])).connect(analyser);
  const bins = new Float32Array(analyser.frequencyBinCount);
  const binHz = listening.sampleRate / analyser.fftSize;
  return (frequencies: number[]): Record<number, number> => {
    analyser.getFloatFrequencyData(bins);
    const levels: Record<number, number> = {};
    for (const f of frequencies) {
      const centre = Math.round(f / binHz);
      let best = -Infinity;
      for (let b = centre - 3; b <= centre + 3; b++) best = Math.max(best, bins[b] ?? -Infinity);
      levels[f] = Math.round(best);
    }
    return levels;
  };
}

/** A tone this loud (dBFS) in an FFT bin is audible; below QUIET it is absent. */
const AUDIBLE = -60;
const QUIET = -80;

interface PeerTones {
  samples: number;
  amplitudes: Record<string, number>;
}
const peerTones = () =>
  executeServerCommand<PeerTones, { frequencies: number[] }>('sb-monitor-peer-tones', {
    frequencies: [CUSTOMER, AGENT, SUPERVISOR],
  });
/** Peak amplitude (16-bit scale) of a tone the customer receives; the agent's is ~10000. */
const HEARD = 1000;
const NOT_HEARD = 150;

/** Waits until `check` holds, keeping the last observation for the failure message. */
async function until(what: string, check: () => Promise<[boolean, unknown]>, timeoutMs = 15_000) {
  let last: unknown;
  await waitFor(
    async () => {
      const [ok, seen] = await check();
      last = seen;
      return ok;
    },
    timeoutMs,
    what,
  ).catch((error: unknown) => {
    throw new Error(`${String(error)}: ${JSON.stringify(last)}`);
  });
}

/** What the customer received over the last full second that started after this call. */
async function customerHearsNext(): Promise<PeerTones['amplitudes']> {
  const from = (await peerTones()).samples;
  let tones: PeerTones | undefined;
  await until('a second of the customer’s audio', async () => {
    tones = await peerTones();
    return [tones.samples >= from + 8000, tones];
  });
  return tones!.amplitudes;
}

function nextMonitorEvent<T extends MonitorResponderEvent['type']>(
  responder: MonitorResponder,
  type: T,
): Promise<Extract<MonitorResponderEvent, { type: T }>> {
  return new Promise((resolve) => {
    const off = responder.onEvent((e) => {
      if (e.type === type) {
        off();
        resolve(e as Extract<MonitorResponderEvent, { type: T }>);
      }
    });
  });
}

describe('supervisor monitoring: listen, whisper and barge on a trunk call to a browser agent', () => {
  afterEach(async () => {
    stopAllPhones();
    await peer({ action: 'hangup' });
  });

  it('a supervisor listens (receives both sides) and whispers (only the agent hears); barge reaches the customer', async () => {
    await setupMediaRouting([{ id: 'carol', skills: { support: 8 } }]);
    const cfg = await mediaConfig();
    const carol = await mediaPhone('carol');
    const erin = await makePhone(
      'erin',
      { media: toneSource(SUPERVISOR) },
      { servers: [cfg.wsUrl] },
    );
    await Promise.all([carol.start(), erin.start()]);
    // the supervisor's audio as Carol's browser receives it, taken from the mixer it goes to
    let atCarol: ((f: number[]) => Record<number, number>) | undefined;
    let carolEar: ((f: number[]) => Record<number, number>) | undefined;
    const responder = new MonitorResponder(carol, {
      allow: ({ supervisor }) => supervisor === 'sip:erin@127.0.0.1',
      mixer: async (call) => {
        // what Carol's speaker gets of the supervisor (as `devices.playRemote` would play it)
        const mixer = await createWebAudioMixer(call, {
          playToAgent: (stream) => (carolEar = tonesIn(stream.getAudioTracks()[0]!)),
        });
        return {
          get toSupervisor() {
            return mixer.toSupervisor;
          },
          setSupervisor: (connection) => {
            const track = connection.getReceivers()[0]?.track;
            if (track) atCarol = tonesIn(track);
            mixer.setSupervisor(connection);
          },
          setMode: (mode) => mixer.setMode(mode),
          dispose: () => mixer.dispose(),
        };
      },
    });

    const ringing = nextIncoming(carol);
    const placed = peer<{ status: number }>({ action: 'call', target: 'support' });
    const call = await ringing;
    call.answer();
    await call.when('connected');
    expect((await placed).status).to.equal(200);
    await expectTwoWayAudio(call, 'before monitoring');

    // listen: the supervisor receives the customer and the agent, nobody receives the supervisor
    const started = nextMonitorEvent(responder, 'monitor-started');
    const session = monitorAgent(erin, {
      agent: 'carol',
      interactionId: call.getSnapshot().interactionId,
    });
    await session.when('active');
    expect((await started).session.mode).to.equal('listen');
    const supervisorTrack = session.call.peerConnection?.getReceivers()[0]?.track;
    if (!supervisorTrack) throw new Error('the monitor call has no received track');
    const atErin = tonesIn(supervisorTrack);
    await until('the supervisor hears the customer and the agent', async () => {
      const levels = atErin([CUSTOMER, AGENT, SUPERVISOR]);
      return [levels[CUSTOMER]! > AUDIBLE && levels[AGENT]! > AUDIBLE, levels];
    });
    if (!atCarol) throw new Error('the agent has no supervisor track');
    if (!carolEar) throw new Error('nothing is played to the agent');
    const carolReceives = atCarol;
    const carolHears = carolEar;
    await until('a listening supervisor sends nothing to the agent', async () => {
      const levels = carolReceives([SUPERVISOR]);
      return [levels[SUPERVISOR]! < QUIET, levels];
    });
    expect(carolHears([SUPERVISOR])[SUPERVISOR], 'nor is played to her').to.be.below(QUIET);
    const listeningCustomer = await customerHearsNext();
    expect(listeningCustomer[String(AGENT)], 'the customer hears the agent').to.be.above(HEARD);
    expect(listeningCustomer[String(SUPERVISOR)], 'but not the supervisor').to.be.below(NOT_HEARD);

    // whisper: the agent hears the supervisor, the customer does not
    const whispering = nextMonitorEvent(responder, 'monitor-mode-changed');
    session.setMode('whisper');
    expect((await whispering).session.mode).to.equal('whisper');
    await until('the agent hears the whisper', async () => {
      const levels = { received: carolReceives([SUPERVISOR]), played: carolHears([SUPERVISOR]) };
      return [
        levels.received[SUPERVISOR]! > AUDIBLE && levels.played[SUPERVISOR]! > AUDIBLE,
        levels,
      ];
    });
    const whisperedCustomer = await customerHearsNext();
    expect(whisperedCustomer[String(AGENT)], 'the customer still hears the agent').to.be.above(
      HEARD,
    );
    expect(whisperedCustomer[String(SUPERVISOR)], 'the whisper stays off the trunk').to.be.below(
      NOT_HEARD,
    );
    const erinLevels = atErin([CUSTOMER, AGENT]);
    expect(erinLevels[CUSTOMER], 'the supervisor still hears the customer').to.be.above(AUDIBLE);

    // barge: the customer hears the supervisor too (the same measurement finds it when it is there)
    const barging = nextMonitorEvent(responder, 'monitor-mode-changed');
    session.setMode('barge');
    await barging;
    await until('the customer hears the supervisor and the agent', async () => {
      const { amplitudes } = await peerTones();
      return [
        amplitudes[String(SUPERVISOR)]! > HEARD && amplitudes[String(AGENT)]! > HEARD,
        amplitudes,
      ];
    });

    // back to listening: the agent's own track goes back to the customer
    const back = nextMonitorEvent(responder, 'monitor-mode-changed');
    session.setMode('listen');
    await back;
    // Audio already on its way when the mode changed may still fill the next second's window (seen
    // once at exactly NOT_HEARD), so the barge must end within a few windows, not in the first.
    await until('the barge ends for the customer', async () => {
      const heard = await customerHearsNext();
      return [heard[String(SUPERVISOR)]! < NOT_HEARD && heard[String(AGENT)]! > HEARD, heard];
    });

    // the monitor session ends with the customer's call
    const ended = nextMonitorEvent(responder, 'monitor-ended');
    call.hangup();
    await ended;
    await session.when('ended');
    expect(session.getSnapshot().error).to.equal(undefined);
    expect(responder.getSnapshot().sessions).to.deep.equal([]);
    responder.dispose();
  });
});
