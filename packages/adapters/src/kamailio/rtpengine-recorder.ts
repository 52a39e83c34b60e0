import { readFile, readdir } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { BencodeDictionary } from './bencode.js';
import { KamailioError } from './kamailio-error.js';

/** Options of {@link RtpengineRecorder}. */
export interface RtpengineRecorderOptions {
  /** rtpengine's NG control (a `RtpengineNgClient`). */
  readonly media: { command(message: BencodeDictionary): Promise<BencodeDictionary> };
  /**
   * rtpengine's `--recording-dir` (absolute), with `--recording-method=pcap`: it writes
   * `pcaps/<call-id>-<id>.pcap` and `metadata/rtpengine-meta-<call-id>-<id>.txt` there.
   */
  readonly recordingDir: string;
}

/** A recording of one call: what adapters attach to the interaction (CRM activity, ticket). */
export interface CallRecording {
  readonly interactionId: string;
  readonly callId: string;
  /** Absolute paths of the pcap files (both directions of every stream of the call). */
  readonly files: readonly string[];
}

const CALL_ID = /^[\x21-\x2e\x30-\x7e]{1,256}$/;
const INTERACTION_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/**
 * Records connected calls on request through rtpengine (pcap method: the relay writes what it
 * forwards, both directions, no extra daemon). `start` tags the recording with the interaction id
 * (rtpengine's `metadata`); `stop` (or the end of the call) closes it, and `recordingOf` finds its
 * files from rtpengine's metadata files, for adapters to link from the interaction.
 *
 * @example
 * ```ts
 * const recorder = new RtpengineRecorder({ media: ng, recordingDir: '/var/spool/rtpengine' });
 * await recorder.start(callId, interactionId);
 * // ... later
 * const recording = await recorder.stop(callId, interactionId); // { files: ['/var/spool/rtpengine/pcaps/...pcap'] }
 * ```
 */
export class RtpengineRecorder {
  constructor(private readonly options: RtpengineRecorderOptions) {
    if (!isAbsolute(options.recordingDir)) {
      throw new KamailioError('KAMAILIO_MEDIA_FAILED', 'recordingDir must be an absolute path');
    }
  }

  /**
   * Starts recording the call with SIP Call-ID `callId` (the relay must carry it).
   *
   * @throws `KamailioError` (`KAMAILIO_MEDIA_FAILED`) for a malformed id, or when rtpengine refuses
   *   (no such call).
   */
  async start(callId: string, interactionId: string): Promise<void> {
    check(callId, interactionId);
    await this.options.media.command({
      command: 'start recording',
      'call-id': callId,
      metadata: `interaction:${interactionId}`,
    });
  }

  /** Stops recording the call and returns its recording. */
  async stop(callId: string, interactionId: string): Promise<CallRecording> {
    check(callId, interactionId);
    await this.options.media.command({ command: 'stop recording', 'call-id': callId });
    return this.recordingOf(callId, interactionId);
  }

  /** The pcap files rtpengine wrote for `callId` so far (read from its metadata files). */
  async recordingOf(callId: string, interactionId: string): Promise<CallRecording> {
    check(callId, interactionId);
    const dir = join(this.options.recordingDir, 'metadata');
    // rtpengine percent-encodes the Call-ID in file names (`@` -> `%40`)
    const stem = callId.replace(
      /[^A-Za-z0-9._-]/g,
      (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
    );
    const prefix = `rtpengine-meta-${stem}-`;
    const names = (await readdir(dir).catch(() => [] as string[])).filter(
      (n) => n.startsWith(prefix) && n.endsWith('.txt'),
    );
    const files: string[] = [];
    for (const name of names.slice(0, 16)) {
      const text = await readFile(join(dir, name), 'utf8');
      for (const line of text.split('\n').slice(0, 64)) {
        const path = line.trim();
        if (path.endsWith('.pcap') && path.startsWith(join(this.options.recordingDir, 'pcaps'))) {
          files.push(path);
        }
      }
    }
    // the metadata file may be written only when the call ends: the pcaps are named by Call-ID too
    const pcaps = join(this.options.recordingDir, 'pcaps');
    for (const name of (await readdir(pcaps).catch(() => [] as string[])).slice(0, 10_000)) {
      const path = join(pcaps, name);
      if (name.startsWith(`${stem}-`) && name.endsWith('.pcap') && !files.includes(path)) {
        files.push(path);
      }
    }
    return { interactionId, callId, files };
  }
}

function check(callId: string, interactionId: string): void {
  if (!CALL_ID.test(callId)) {
    throw new KamailioError(
      'KAMAILIO_MEDIA_FAILED',
      'a Call-ID of 1 to 256 visible characters, no /',
    );
  }
  if (!INTERACTION_ID.test(interactionId)) {
    throw new KamailioError('KAMAILIO_MEDIA_FAILED', 'malformed interaction id');
  }
}
