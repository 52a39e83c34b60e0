import { SwitchboardError } from './switchboard-error.js';

/**
 * A command was sent to an object after its `dispose()`. Nothing changed; a disposed object
 * accepts no further commands (reads of its last snapshot still work).
 *
 * @example
 * ```ts
 * engine.dispose();
 * try {
 *   engine.login('alice');
 * } catch (err) {
 *   if (err instanceof DisposedError) console.log(err.subject); // 'RoutingEngine'
 * }
 * ```
 */
export class DisposedError extends SwitchboardError<'DISPOSED'> {
  override name = 'DisposedError';
  /** What was disposed, e.g. `RoutingEngine`. */
  declare readonly subject: string;
  /** The command that was refused. */
  declare readonly command: string;

  constructor(subject: string, command: string) {
    super('DISPOSED', `${subject} is disposed; '${command}' is no longer accepted`);
    this.subject = subject;
    this.command = command;
  }
}
