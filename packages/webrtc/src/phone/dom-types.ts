// DOM types named without the DOM library: the signalling entry (`@switchboard/webrtc/signalling`)
// must type-check in a Node project whose `lib` has no "DOM", with `skipLibCheck: false`.
// Each alias reads the type off `globalThis`: where the DOM library is loaded it is exactly the
// DOM type; elsewhere it is `object`, which a Node user never has to provide.

/** The DOM's `MediaStream` where the DOM library is loaded; `object` in a project without it. */
export type DomMediaStream = typeof globalThis extends { MediaStream: { prototype: infer T } }
  ? T
  : object;

/** The DOM's `RTCPeerConnection` where the DOM library is loaded; `object` in a project without it. */
export type DomPeerConnection = typeof globalThis extends {
  RTCPeerConnection: { prototype: infer T };
}
  ? T
  : object;

/** The DOM's `RTCConfiguration` where the DOM library is loaded; `object` in a project without it. */
export type DomRtcConfiguration = typeof globalThis extends {
  RTCPeerConnection: new (configuration?: infer C) => unknown;
}
  ? NonNullable<C>
  : object;
