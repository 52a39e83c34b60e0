// Ambient declarations for the free variables TSDoc examples conventionally use, so an example
// can show a fragment (`engine.login('alice')`) without constructing its context. A global
// script (no imports): types come through `import()` types. Used by scripts/doc-examples.ts,
// which also shadows a few of them per folder (`engine` is a TicketEngine in tickets/).

// Engines and their ports.
declare const engine: import('@switchboard/core/routing').RoutingEngine;
declare const tickets: import('@switchboard/core/tickets').TicketEngine;
declare const tracker: import('@switchboard/core/analytics').KpiTracker;
declare const clock: import('@switchboard/core/shared').VirtualClock;
declare const store: import('@switchboard/core/shared').Store<
  import('@switchboard/core/routing').RoutingEvent
>;
declare const journal: Iterable<
  import('@switchboard/core/shared').JournalEntry<import('@switchboard/core/tickets').TicketEvent>
>;
declare const events: readonly import('@switchboard/core/routing').RoutingEvent[];
declare const center: import('@switchboard/core/contact-center').ContactCenter;
declare const flow: import('@switchboard/core/ivr').CompiledFlow;
declare const session: import('@switchboard/core/ivr').IvrSession;
declare const saved: unknown;
declare const allRecords: readonly import('@switchboard/core/ivr').IvrTimelineRecord[];
declare const scenario: import('@switchboard/core/sim').Scenario;
declare const support: import('@switchboard/core/calendar').BusinessCalendar;
declare const always: import('@switchboard/core/calendar').BusinessCalendar;
declare const standard: import('@switchboard/core/tickets').SlaPolicy;
declare const slaPolicies: readonly import('@switchboard/core/tickets').SlaPolicy[];
declare const calendar: import('@switchboard/core/calendar').BusinessCalendar;
declare const escalate: import('@switchboard/core/tickets').AutomationRule;
declare const ticket: import('@switchboard/core/tickets').Ticket;

// Telephony.
declare const phone: import('@switchboard/webrtc').Phone;
declare const call: import('@switchboard/webrtc').Call;
declare const devices: import('@switchboard/webrtc').DeviceManager;
declare const transport: import('@switchboard/webrtc').SipTransport;
declare const uri: string;
declare const password: string;
declare const servers: readonly string[];
declare const previous: import('@switchboard/webrtc').AudioStatsSnapshot;
declare const current: import('@switchboard/webrtc').AudioStatsSnapshot;
declare const setup: import('@switchboard/webrtc/testing').SipTransportContractSetup;
declare function createPhone(): import('@switchboard/webrtc').Phone;

// Integrations and adapters.
declare const crm: import('@switchboard/core/integrations').CrmAdapter;
declare const hubspot: import('@switchboard/core/integrations').CrmAdapter;
declare const log: import('@switchboard/core/integrations').ActivityLog;
declare const notifier: import('@switchboard/core/integrations').AgentNotifier;
declare const sms: import('@switchboard/core/integrations').ChannelTransport;
declare const directory: import('@switchboard/core/integrations').CustomerDirectory;
declare const popper: import('@switchboard/core/integrations').ScreenPop;
declare const sync: import('@switchboard/core/integrations').TicketSync;
declare const record: import('@switchboard/core/integrations').ActivityRecord;
declare const customer: import('@switchboard/core/integrations').CustomerProfile;
declare const contactRef: import('@switchboard/core/integrations').ExternalRef;
declare const draft: import('@switchboard/core/integrations').TicketDraft;
declare const base: import('@switchboard/core/integrations').TicketSyncBase;
declare const remote: import('@switchboard/core/integrations').ExternalTicket;
declare const lastSyncAt: number;
declare function draftOf(
  ticket: import('@switchboard/core/tickets').Ticket,
): import('@switchboard/core/integrations').TicketDraft;
declare const harness: import('@switchboard/adapters/testing').CrmConformanceHarness;
declare function makeFixture(): Promise<
  import('@switchboard/adapters/testing').CrmConformanceFixture
>;
declare const deliver: (
  entry: import('@switchboard/adapters/outbox').OutboxEntry<unknown>,
) => Promise<unknown>;
declare const secret: string;
declare const body: string;
declare const rawBody: string;
declare const req: { readonly headers: Record<string, string | undefined> };
declare function reply(status: number, body: unknown): void;
declare const tokens: import('@switchboard/adapters/http').TokenProvider;
declare const oauth: {
  current(): Promise<string>;
  refresh(): Promise<string>;
  token(options: { readonly forceRefresh: boolean }): Promise<string>;
};
declare const auth: { currentToken(): Promise<string> };
declare const baseUrl: string;
declare const getToken: import('@switchboard/client').GetToken;
declare const redis: {
  get(key: string): Promise<string>;
  set(key: string, value: string): Promise<unknown>;
};
declare const api: { heartbeat(agentId: string): Promise<void> };
declare const http: import('@switchboard/adapters/http').HttpClient;
declare const entries: readonly import('@switchboard/server').AuditEntry[];

// Plain values an example reads: a JSON document, a text file, ids, bytes.
declare const json: unknown;
declare const text: string;
declare const id: string;
declare const agentId: string;
declare const callId: string;
declare const file: string;
declare const from: number;
declare const to: number;
declare const tz: string;

// The page around an example: UI hooks it calls.
declare function render(x: unknown): void;
declare function show(x: unknown): void;
declare function toast(x: unknown): void;
declare function showToast(...args: unknown[]): void;
declare function showStatus(...args: unknown[]): void;
declare function showBadge(...args: unknown[]): void;
declare function showLogin(...args: unknown[]): void;
declare function showRinging(...args: unknown[]): void;
declare function showFailure(...args: unknown[]): void;
declare function showEnded(...args: unknown[]): void;
declare function showMicHelp(...args: unknown[]): void;
declare function showWarning(...args: unknown[]): void;
declare function openPop(...args: unknown[]): void;
declare function alertSupervisor(...args: unknown[]): void;
declare function intake(message: unknown): void;
declare function report(x: unknown): void;
declare function scheduleRetry(...args: unknown[]): void;
declare function restartCall(...args: unknown[]): void;
declare function showIncoming(...args: unknown[]): void;
declare function showMediaState(...args: unknown[]): void;
declare function setBadge(...args: unknown[]): void;

// A third party's own CRM adapter and the in-memory fake of its system (adapters/testing).
type DocFixture = import('@switchboard/adapters/testing').CrmConformanceFixture;
declare const MyCrmAdapter: new (options: {
  baseUrl: string;
  auth: import('@switchboard/adapters/http').TokenProvider;
}) => import('@switchboard/core/integrations').CrmAdapter;
declare const MyCrmFake: new () => {
  readonly url: string;
  readonly tokens: import('@switchboard/adapters/http').TokenProvider;
  handlers(): import('msw').RequestHandler[];
  addContact(contact: DocFixture['customer']): void;
  setDown(down: boolean): void;
  activitiesOf(id: string): ReturnType<DocFixture['activitiesFor']>;
  editTicket(id: string, patch: { subject: string }): Promise<void>;
};

// Media relay (rtpengine) and the IVR on real audio.
declare const evapi: import('@switchboard/adapters/kamailio').EvapiConnection;
declare const ng: import('@switchboard/adapters/kamailio').RtpengineNgClient;
declare const dtmf: import('@switchboard/adapters/kamailio').RtpengineDtmfListener;
declare const espeak: import('@switchboard/adapters/kamailio').EspeakPrompts;
declare const flowJson: unknown;
declare const tag: string;
declare const interactionId: string;
declare const remoteCenter: import('@switchboard/client').RemoteContactCenter;
