// The small part of JsSIP's API that JsSipTransport uses, typed here so that the rest of the
// package never depends on JsSIP's own declarations (which pull in Node's `events`).

/** @internal */
export interface JsSipEmitter {
  on(event: string, listener: (data: never) => void): unknown;
  removeAllListeners(event?: string): unknown;
}

/** @internal */
export interface JsSipMessage {
  readonly status_code?: number;
  readonly reason_phrase?: string;
  readonly body?: string;
  readonly call_id?: string;
  getHeader(name: string): string | undefined;
  hasHeader(name: string): boolean;
  readonly refer_to?: { readonly uri: { toString(): string; toAor(): string } };
  readonly replaces?: { readonly call_id: string };
}

/** @internal */
export interface JsSipSessionLike extends JsSipEmitter {
  readonly id: string;
  readonly direction: 'incoming' | 'outgoing';
  readonly connection: RTCPeerConnection | undefined;
  readonly remote_identity: {
    readonly uri: { toString(): string };
    readonly display_name?: string;
  };
  answer(options: object): void;
  terminate(options?: object): void;
  hold(options?: object, done?: () => void): boolean;
  unhold(options?: object, done?: () => void): boolean;
  sendDTMF(tones: string, options?: object): void;
  refer(target: string, options?: object): void;
  renegotiate(options?: object, done?: () => void): boolean;
  isEnded(): boolean;
  isEstablished(): boolean;
  isReadyToReOffer(): boolean;
}

/** @internal */
export interface JsSipUaLike extends JsSipEmitter {
  start(): void;
  stop(): void;
  register(): void;
  unregister(options?: object): void;
  registrator(): { setExtraHeaders(headers: string[]): void };
  isConnected(): boolean;
  isRegistered(): boolean;
  call(target: string, options: object): JsSipSessionLike;
}

/** The parts of JsSIP the transport loads (`jssip/lib/UA.js` and `jssip/lib/URI.js`). @internal */
export interface JsSipModule {
  UA: new (configuration: object) => JsSipUaLike;
  /** JsSIP's URI parser: dialling a parsed URI keeps its scheme (`sips:`) and parameters. */
  URI: { parse(uri: string): object | undefined };
}
