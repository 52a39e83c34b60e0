/**
 * `@switchboard/widgets/softphone`: registers `<sb-softphone>`.
 *
 * @example
 * ```ts
 * import '@switchboard/widgets/softphone';
 * ```
 *
 * @packageDocumentation
 */
import { defineOnce } from '../../internal/events.js';
import { SbSoftphone } from './softphone.component.js';
import type {
  SoftphoneCallDetail,
  SoftphoneDeviceDetail,
  SoftphoneDialDetail,
  SoftphoneDialInvalidDetail,
  SoftphoneDtmfDetail,
  SoftphoneLineDetail,
  SoftphoneMuteDetail,
  SoftphoneTransferDetail,
} from './softphone-events.js';

/** Registers `<sb-softphone>` (idempotent). */
export function defineSoftphone(): void {
  defineOnce('sb-softphone', SbSoftphone);
}

defineSoftphone();

export { SbSoftphone };

declare global {
  interface HTMLElementTagNameMap {
    'sb-softphone': SbSoftphone;
  }
  interface HTMLElementEventMap {
    'sb-request-dial': CustomEvent<SoftphoneDialDetail>;
    'sb-request-call-answer': CustomEvent<SoftphoneCallDetail>;
    'sb-request-call-decline': CustomEvent<SoftphoneCallDetail>;
    'sb-request-call-hangup': CustomEvent<SoftphoneCallDetail>;
    'sb-request-call-hold': CustomEvent<SoftphoneCallDetail>;
    'sb-request-call-resume': CustomEvent<SoftphoneCallDetail>;
    'sb-request-call-mute': CustomEvent<SoftphoneMuteDetail>;
    'sb-request-call-dtmf': CustomEvent<SoftphoneDtmfDetail>;
    'sb-request-call-transfer': CustomEvent<SoftphoneTransferDetail>;
    'sb-request-device': CustomEvent<SoftphoneDeviceDetail>;
    'sb-request-use-this-tab': CustomEvent<Record<string, never>>;
    'sb-line-change': CustomEvent<SoftphoneLineDetail>;
    'sb-dial-invalid': CustomEvent<SoftphoneDialInvalidDetail>;
  }
}
