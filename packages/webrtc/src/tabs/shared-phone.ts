import type { Unsubscribe } from '@switchboard/core/shared';
import type { Phone, PhoneStatus } from '../phone/phone.js';
import type { CallStatus } from '../phone/call-machine.js';
import type { TabCoordinator } from './tab-coordinator.js';

/** The phone state mirrored to follower tabs (plain data, structured-clone safe). */
export interface MirroredPhoneState {
  readonly status: PhoneStatus;
  readonly calls: readonly {
    readonly id: string;
    readonly direction: 'outgoing' | 'incoming';
    readonly status: CallStatus;
    readonly remoteUri: string;
    readonly interactionId: string;
    readonly muted: boolean;
  }[];
  readonly error: { readonly code: string; readonly message: string } | undefined;
}

/** Commands a follower tab can send to the tab that owns the phone. */
export type PhoneCommand =
  | { readonly type: 'call'; readonly target: string; readonly headers?: readonly string[] }
  | { readonly type: 'answer'; readonly callId: string }
  | { readonly type: 'reject'; readonly callId: string }
  | { readonly type: 'hangup'; readonly callId: string }
  | { readonly type: 'hold'; readonly callId: string }
  | { readonly type: 'unhold'; readonly callId: string }
  | { readonly type: 'mute'; readonly callId: string; readonly muted: boolean }
  | { readonly type: 'dtmf'; readonly callId: string; readonly tones: string }
  | { readonly type: 'transfer'; readonly callId: string; readonly target: string };

/** Leader side: mirrors `phone` to followers and runs their commands. Returns the unsubscribe function. */
export function sharePhone(
  phone: Phone,
  tabs: TabCoordinator<MirroredPhoneState, PhoneCommand>,
): Unsubscribe {
  const publish = () => {
    const snap = phone.getSnapshot();
    tabs.publish({
      status: snap.status,
      calls: snap.calls.map((c) => ({
        id: c.id,
        direction: c.direction,
        status: c.status,
        remoteUri: c.remoteUri,
        interactionId: c.interactionId,
        muted: c.muted,
      })),
      error: snap.error ? { code: snap.error.code, message: snap.error.message } : undefined,
    });
  };
  tabs.handleCommands((command) => {
    if (command.type === 'call')
      return phone.call(command.target, command.headers ? { headers: command.headers } : {}).id;
    const call = phone.getCall(command.callId);
    if (!call) throw new Error(`no call ${command.callId}`);
    switch (command.type) {
      case 'answer':
        return call.answer();
      case 'reject':
        return call.reject();
      case 'hangup':
        return call.hangup();
      case 'hold':
        return call.hold();
      case 'unhold':
        return call.unhold();
      case 'mute':
        return call.setMuted(command.muted);
      case 'dtmf':
        return call.sendDtmf(command.tones);
      case 'transfer':
        return call.transfer(command.target);
    }
  });
  publish();
  return phone.subscribe(publish);
}
