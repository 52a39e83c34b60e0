/**
 * The English catalog, the source every other catalog must match key for key (the
 * {@link Messages} type is derived from it). Strings with values are functions of typed arguments;
 * callers pass values already formatted through `Intl` (see `format.ts`).
 */
export const en = {
  presenceLabel: 'Presence',
  presence: {
    offline: 'Offline',
    available: 'Available',
    'not-ready': 'Not ready',
    reserved: 'Reserved',
    busy: 'Busy',
    'wrap-up': 'Wrap-up',
  },
  reasons: {
    break: 'Break',
    lunch: 'Lunch',
    training: 'Training',
    stale: 'Connection lost',
    'missed-offers': 'Missed offers',
  },
  notReadyWith: (reason: string) => `Not ready: ${reason}`,
  goOffline: 'Log out',
  timeInState: (duration: string) => `for ${duration}`,
  wrapUpEndsIn: (duration: string) => `Wrap-up ends in ${duration}`,
  leaseExpiring: (duration: string) =>
    `Connection check due in ${duration}: this desktop may be marked not ready.`,
  leaseExpired: 'Connection lost: you were marked not ready.',
  loading: 'Loading…',
  loadFailed: 'Could not load the latest data.',
  noCenter: 'No contact center connected.',
  unknownCustomer: 'Unknown customer',
  notAvailable: '—',
  status: {
    created: 'Created',
    ivr: 'In IVR',
    queued: 'Queued',
    offered: 'Offered',
    connected: 'Connected',
    held: 'On hold',
    'wrap-up': 'Wrap-up',
    completed: 'Completed',
    abandoned: 'Abandoned',
    transferred: 'Transferred',
  },
  ticketStatus: {
    new: 'New',
    open: 'Open',
    pending: 'Pending',
    'on-hold': 'On hold',
    solved: 'Solved',
    closed: 'Closed',
  },
  priority: {
    low: 'Low',
    normal: 'Normal',
    high: 'High',
    urgent: 'Urgent',
  },
  channel: {
    voice: 'Call',
    chat: 'Chat',
    email: 'Email',
    sms: 'SMS',
    callback: 'Callback',
  },
};

/** Every string of the widgets, as functions where they take values. */
export type Messages = typeof en;
