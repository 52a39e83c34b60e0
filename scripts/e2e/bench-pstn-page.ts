// Runs inside headless Chromium for the PSTN-to-browser part of `npm run bench:calls`: one browser
// agent registered on the Kamailio that has rtpengine, answering every call at once, with a
// microphone playing a tone and the far end played out (so Chromium measures its audio energy).
import { Phone } from '../../packages/webrtc/src/phone/phone.js';
import type { Call } from '../../packages/webrtc/src/phone/call.js';
import { JsSipTransport } from '../../packages/webrtc/src/jssip/jssip-transport.js';

interface AgentConfig {
  wsUrl: string;
  domain: string;
  user: string;
  password: string;
}

const toneMicrophone = {
  acquire: async (): Promise<MediaStream> => {
    const context = new AudioContext({ sampleRate: 48_000 });
    const oscillator = context.createOscillator();
    oscillator.frequency.value = 660;
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

let current: Call | undefined;
let answered = 0;

async function start(cfg: AgentConfig): Promise<void> {
  const phone = new Phone({
    transport: new JsSipTransport({
      uri: `sip:${cfg.user}@${cfg.domain}`,
      password: cfg.password,
      servers: [cfg.wsUrl],
    }),
    media: toneMicrophone,
    agentId: cfg.user,
    wrapUp: 'auto',
    autoAnswer: { delayMs: 0 },
  });
  phone.onEvent((e) => {
    if (e.type === 'incoming-call') {
      current = e.call;
      answered += 1;
    }
  });
  await phone.start();
}

/** Received audio of the current call: packets and total audio energy (getStats inbound-rtp). */
async function audio(): Promise<{
  answered: number;
  status: string;
  packets: number;
  energy: number;
}> {
  let packets = 0;
  let energy = 0;
  const call = current;
  if (call?.peerConnection) {
    (await call.getStats()).forEach(
      (r: { type: string; kind?: string; packetsReceived?: number; totalAudioEnergy?: number }) => {
        if (r.type === 'inbound-rtp' && r.kind === 'audio') {
          packets += r.packetsReceived ?? 0;
          energy += r.totalAudioEnergy ?? 0;
        }
      },
    );
  }
  return { answered, status: call?.getSnapshot().status ?? 'none', packets, energy };
}

(globalThis as unknown as { switchboardAgent: unknown }).switchboardAgent = { start, audio };
