import type { Clock } from '@switchboard/core/shared';
import { PhoneError } from './phone-error.js';
import type { SipTransport } from './sip-transport.js';

/**
 * A fresh REGISTER from `registered`: resolves on the registrar's confirmation, rejects on its
 * refusal (with the phone's own error for it, when it recorded one) or after `timeoutMs`.
 *
 * @internal
 */
export function refreshRegistration(
  transport: SipTransport,
  clock: Clock,
  options: { readonly timeoutMs: number; readonly error: () => PhoneError | undefined },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const { timeoutMs } = options;
    const done = () => {
      off();
      clock.clearTimeout(timer);
    };
    const timer = clock.setTimeout(() => {
      off();
      reject(
        new PhoneError('SIP_REGISTRATION_FAILED', `no answer to REGISTER within ${timeoutMs} ms`, {
          retryable: true,
          hint: 'The phone server did not confirm the registration.',
        }),
      );
    }, timeoutMs);
    const off = transport.on((e) => {
      if (e.type === 'registered') {
        done();
        resolve();
      } else if (e.type === 'registration-failed') {
        done();
        reject(
          options.error() ??
            new PhoneError('SIP_REGISTRATION_FAILED', 'the registrar refused the registration'),
        );
      }
    });
    transport.register();
  });
}
