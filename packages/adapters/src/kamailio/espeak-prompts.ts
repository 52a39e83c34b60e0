import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { KamailioError } from './kamailio-error.js';

/** Options of {@link EspeakPrompts}. */
export interface EspeakPromptsOptions {
  /** Folder for the synthesised WAV files (created when missing); files are reused by content. */
  readonly dir: string;
  /** espeak-ng voice per flow language. Default: `en` -> `en`, `zh-CN` -> `cmn`, else the language. */
  readonly voices?: Readonly<Record<string, string>>;
  /** The espeak-ng program. Default `espeak-ng` (Debian package `espeak-ng`). */
  readonly command?: string;
  /** Longest text spoken, in characters. Default 2000. */
  readonly maxTextLength?: number;
}

const DEFAULT_VOICES: Readonly<Record<string, string>> = { en: 'en', 'zh-CN': 'cmn' };
const VOICE = /^[A-Za-z0-9_+-]{1,40}$/;

/**
 * IVR prompts as audio files, synthesised with espeak-ng (Debian's `espeak-ng`) the first time a
 * text is needed and kept in `dir` under a hash of language and text, so a build or test step can
 * render a flow's prompts once. Runs espeak-ng without a shell (arguments as a list, text after
 * `--`), one file per text; concurrent requests for one text share one run.
 *
 * @example
 * ```ts
 * const prompts = new EspeakPrompts({ dir: '/var/lib/switchboard/prompts' });
 * const file = await prompts.file('Press 1 for support.', 'en'); // /var/lib/.../<sha256>.wav
 * ```
 */
export class EspeakPrompts {
  private readonly running = new Map<string, Promise<string>>();

  constructor(private readonly options: EspeakPromptsOptions) {}

  /**
   * The WAV file speaking `text` in `language`.
   *
   * @throws `KamailioError` (`KAMAILIO_MEDIA_FAILED`) for an empty or too long text, a voice that
   *   is not a plain name, or when espeak-ng fails.
   */
  file(text: string, language: string): Promise<string> {
    const max = this.options.maxTextLength ?? 2000;
    const voice = this.options.voices?.[language] ?? DEFAULT_VOICES[language] ?? language;
    if (text.trim() === '' || text.length > max) {
      return Promise.reject(
        new KamailioError('KAMAILIO_MEDIA_FAILED', `prompt text must be 1 to ${max} characters`),
      );
    }
    if (!VOICE.test(voice)) {
      return Promise.reject(new KamailioError('KAMAILIO_MEDIA_FAILED', 'invalid espeak-ng voice'));
    }
    const hash = createHash('sha256').update(`${voice}\n${text}`).digest('hex');
    const path = join(this.options.dir, `${hash}.wav`);
    if (existsSync(path)) return Promise.resolve(path);
    const pending = this.running.get(path);
    if (pending) return pending;
    mkdirSync(this.options.dir, { recursive: true });
    const run = new Promise<string>((resolve, reject) => {
      execFile(
        this.options.command ?? 'espeak-ng',
        ['-v', voice, '-w', path, '--', text],
        { timeout: 30_000 },
        (error) => {
          this.running.delete(path);
          if (error) {
            reject(
              new KamailioError('KAMAILIO_MEDIA_FAILED', 'espeak-ng could not speak a prompt', {
                cause: error,
              }),
            );
          } else resolve(path);
        },
      );
    });
    this.running.set(path, run);
    return run;
  }
}
