/**
 * `@switchboard/widgets`: Lit custom elements (`sb-*`) and reactive controllers over the core's
 * `ContactCenter`. This entry exports the element classes without registering them (no side
 * effects): import `@switchboard/widgets/define` (all) or a per-element entry to register tags.
 *
 * @example
 * ```ts
 * import '@switchboard/widgets/define';
 * import { setLocale } from '@switchboard/widgets';
 * import { createLocalContactCenter } from '@switchboard/core/contact-center';
 *
 * document.querySelector('sb-contact-center')!.center = createLocalContactCenter();
 * setLocale('zh-CN');
 * ```
 *
 * @packageDocumentation
 */
export { RoutingController } from './controllers/routing-controller.js';
export { ContactCenterController } from './controllers/contact-center-controller.js';
export type {
  CenterView,
  ContactCenterControllerOptions,
} from './controllers/contact-center-controller.js';
export { contactCenterContext } from './context/contact-center-context.js';
export { SbContactCenterProvider } from './components/contact-center-provider/contact-center-provider.component.js';
export { SbAgentStatus } from './components/agent-status/agent-status.component.js';
export type {
  PresenceChoice,
  PresenceRequestDetail,
  ResyncRequestDetail,
  WidgetErrorDetail,
} from './components/agent-status/agent-status.component.js';
export type { AgentStatusData } from './components/agent-status/agent-status-view.js';
export { SbQueueBoard } from './components/queue-board/queue-board.component.js';
export type {
  InteractionSelectDetail,
  QueueToggleDetail,
} from './components/queue-board/queue-board.component.js';
export type { QueueBoardData } from './components/queue-board/queue-board-view.js';
export {
  SbInteractionPanel,
  InteractionAction,
} from './components/interaction-panel/interaction-panel.component.js';
export type { InteractionRequestDetail } from './components/interaction-panel/interaction-panel.component.js';
export { SbTicketList, TicketSort } from './components/ticket-list/ticket-list.component.js';
export type {
  TicketFilter,
  TicketFilterDetail,
  TicketSelectDetail,
} from './components/ticket-list/ticket-list.component.js';
export { SbWallboard } from './components/wallboard/wallboard.component.js';
export type {
  KpiAlertDetail,
  KpiDataToggleDetail,
  WallboardTargets,
} from './components/wallboard/wallboard.component.js';
export { WallboardMetric } from './components/wallboard/wallboard-view.js';
export type { WallboardBucket, WallboardData } from './components/wallboard/wallboard-view.js';
export { SbTicketDetail } from './components/ticket-detail/ticket-detail.component.js';
export type {
  TicketCommentRequestDetail,
  TicketUpdateRequestDetail,
} from './components/ticket-detail/ticket-detail.component.js';
export { SbCustomerCard } from './components/customer-card/customer-card.component.js';
export type {
  CrmOpenRequestDetail,
  CustomerInteractionSelectDetail,
  CustomerTicketSelectDetail,
} from './components/customer-card/customer-card.component.js';
export { contactCenterCustomerProvider } from './components/customer-card/customer-card-provider.js';
export type {
  ContactCenterCustomerProviderOptions,
  CrmLink,
  CustomerCardData,
  CustomerCardInteraction,
  CustomerCardProvider,
  CustomerCardTicket,
} from './components/customer-card/customer-card-provider.js';
export { SbSoftphone } from './components/softphone/softphone.component.js';
export type { SoftphoneDevices } from './components/softphone/softphone.component.js';
export type {
  SoftphoneCallDetail,
  SoftphoneDeviceDetail,
  SoftphoneDialDetail,
  SoftphoneDialInvalidDetail,
  SoftphoneDtmfDetail,
  SoftphoneLineDetail,
  SoftphoneMuteDetail,
  SoftphoneRequestMap,
  SoftphoneTransferDetail,
} from './components/softphone/softphone-events.js';
export type { DialProblem } from './components/softphone/softphone-model.js';
export { PhoneController } from './controllers/phone-controller.js';
export type { PhoneControllerOptions } from './controllers/phone-controller.js';
export { phoneContext } from './context/phone-context.js';
export { SbVisualIvr } from './components/visual-ivr/visual-ivr.component.js';
export type {
  IvrChoiceDetail,
  IvrEndDetail,
  IvrEnqueueRequestDetail,
  IvrHookHandler,
} from './components/visual-ivr/visual-ivr.component.js';
export type {
  IvrEndCommand,
  IvrMenuChoice,
  IvrPrompt,
  IvrRunnerSnapshot,
  IvrTranscriptEntry,
} from './components/visual-ivr/ivr-runner.js';
export {
  SbAgentDesktop,
  DesktopSection,
} from './components/agent-desktop/agent-desktop.component.js';
export type { DesktopSectionDetail } from './components/agent-desktop/agent-desktop.component.js';
export {
  DesktopReadiness,
  ReadinessCause,
  ReadinessStatus,
  ReadinessStep,
} from './components/agent-desktop/desktop-readiness.js';
export type {
  DesktopPhone,
  DesktopReadinessOptions,
  DesktopReadinessSnapshot,
} from './components/agent-desktop/desktop-readiness.js';
export { SbChat } from './components/chat/chat.component.js';
export type {
  ChatConnectionDetail,
  ChatMessageDetail,
  ChatSendRequestDetail,
  ChatTypingDetail,
} from './components/chat/chat.component.js';
export type { ChatConnection } from './components/chat/chat-follower.js';
export { SbWebchat } from './components/webchat/webchat.component.js';
export type {
  WebchatEndRequestDetail,
  WebchatInvalidDetail,
  WebchatQueuedDetail,
  WebchatStartRequestDetail,
  WebchatToggleDetail,
} from './components/webchat/webchat.component.js';
export { validatePrechat } from './components/webchat/prechat.js';
export type {
  PrechatProblem,
  PrechatProblems,
  PrechatValues,
} from './components/webchat/prechat.js';
export {
  Locale,
  LocaleBinding,
  LocaleController,
  mergeCatalogs,
  getLocale,
  matchLocale,
  messagesFor,
  setLocale,
} from './i18n/locale.js';
export type { Catalog } from './i18n/locale.js';
export type { Messages } from './i18n/messages-en.js';
export { formatCount, formatDuration, formatPercent, formatTime } from './i18n/format.js';
