import { SwitchboardError } from '@switchboard/core/shared';

/**
 * A customer token asked for something outside a visitor's own chat (another channel, a field the
 * center decides, an agent's message): answered 403 `FORBIDDEN`.
 *
 * @internal
 */
export class CustomerScopeError extends SwitchboardError<'FORBIDDEN'> {
  override name = 'CustomerScopeError';
  constructor(message: string) {
    super('FORBIDDEN', message);
  }
}
