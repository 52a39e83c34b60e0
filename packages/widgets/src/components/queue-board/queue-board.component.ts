import { LitElement, html, nothing } from 'lit';
import type {
  ContactCenter,
  ContactCenterInteraction,
  LiveViewSnapshot,
} from '@switchboard/core/contact-center';
import type { KpiValues } from '@switchboard/core/analytics';
import type { QueueSnapshot } from '@switchboard/core/routing';
import { systemClock, type Clock } from '@switchboard/core/shared';
import { SecondTicker } from '../../controllers/second-ticker.js';
import { ContactCenterController } from '../../controllers/contact-center-controller.js';
import { LocaleBinding, mergeCatalogs, lookup, type Locale } from '../../i18n/locale-state.js';
import { commonMessages, type CommonMessages } from '../../i18n/common-messages.js';
import { queueBoardMessages, type QueueBoardMessages } from './queue-board.messages.js';
import { formatCount, formatDuration, formatPercent } from '../../i18n/format.js';
import { emit } from '../../internal/events.js';
import { styleProps } from '../../internal/style-props.js';
import { countAgents, watchBoard, type QueueBoardData } from './queue-board-view.js';
import { queueBoardStyles } from './queue-board.styles.js';
import { virtualWindow } from './virtual-window.js';
import { WaitingRows } from './waiting-rows.js';

const messages = mergeCatalogs(commonMessages, queueBoardMessages);
type Messages = CommonMessages & QueueBoardMessages;

/** `detail` of `sb-queue-toggle`: a queue's waiting list was opened or closed. */
export interface QueueToggleDetail {
  readonly queueId: string;
  readonly expanded: boolean;
}

/** `detail` of `sb-interaction-select`: the user picked a waiting interaction (Enter or click). */
export interface InteractionSelectDetail {
  readonly queueId: string;
  readonly interactionId: string;
}

/**
 * `<sb-queue-board>`: a supervisor's live view of every queue: how many wait, the longest wait,
 * the service level (sliding window) and the qualified agents by state. A queue expands to the
 * list of its waiting interactions, virtualised (only the rows in view are in the DOM and only
 * their details are read), so 10,000 waiting rows scroll smoothly. Updates are read and rendered
 * at most ten times a second, on an animation frame, however many events arrive; scrolling renders
 * at the frame rate.
 *
 * The center comes from the `center` property or the enclosing `<sb-contact-center>`.
 *
 * **Keyboard**: Tab reaches each queue's toggle button (Enter/Space opens or closes its list)
 * and then the open list. In the list (one tab stop, a listbox): Up/Down move by one row,
 * PageUp/PageDown by a screenful, Home/End to the first/last row; Enter selects the row
 * (`sb-interaction-select`); Escape closes the list and returns focus to its toggle.
 *
 * **Events**: `sb-queue-toggle` (a list opened or closed), `sb-interaction-select`.
 *
 * @csspart base - the board.
 * @csspart table - the queue table.
 * @csspart queue - a queue's row (`data-queue` holds its id).
 * @csspart toggle - the button that opens a queue's waiting list.
 * @csspart waiting - the waiting count cell.
 * @csspart longest-wait - the longest wait cell.
 * @csspart service-level - the service level cell.
 * @csspart agents - the agents-by-state cell.
 * @csspart list - the scrolling list of waiting interactions.
 * @csspart row - one waiting interaction.
 * @csspart message - loading, empty and error messages.
 *
 * @cssprop --sb-queue-board-row-height - Height of a waiting row (default 32px; keep equal to
 *   the `row-height` attribute).
 * @cssprop --sb-queue-board-list-height - Height of an open waiting list (default 320px).
 * @cssprop --sb-color-accent - The selected row's marker (plus every token in the package README).
 *
 * @example
 * ```html
 * <sb-contact-center id="cc"><sb-queue-board theme="dark"></sb-queue-board></sb-contact-center>
 * ```
 */
export class SbQueueBoard extends LitElement {
  /** @internal The element's shadow styles (themed through the documented tokens). */
  static override styles = queueBoardStyles;

  /** @internal Lit's reactive property declarations. */
  static override properties = {
    center: { attribute: false },
    expanded: { reflect: true },
    rowHeight: { type: Number, attribute: 'row-height' },
    locale: { reflect: true },
    theme: { reflect: true },
    clock: { attribute: false },
    active: { state: true },
    listScroll: { state: true },
    viewport: { state: true },
  };

  /** The center; without one the element uses the `sb-contact-center` context. */
  declare center: ContactCenter | undefined;
  /** The id of the queue whose waiting list is open (attribute `expanded`), if any. */
  declare expanded: string | undefined;
  /** Height of a waiting row in px (attribute `row-height`, default 32). */
  declare rowHeight: number;
  /** This element's locale (`en`, `zh-CN`); default the page-wide one (`setLocale`). */
  declare locale: string | undefined;
  /** `light` or `dark`; default follows the user's colour scheme. */
  declare theme: 'light' | 'dark' | undefined;
  /** The time source of the wait timers (default the system clock). */
  declare clock: Clock;
  declare private active: number;
  declare private listScroll: number;
  declare private viewport: number;

  private readonly i18n = new LocaleBinding(this, () => this.locale);
  private readonly board = new ContactCenterController(this, {
    center: () => this.center,
    key: () => 'board',
    open: (center) => watchBoard(center),
    select: (s: LiveViewSnapshot<QueueBoardData>) => s,
  });
  private readonly rows = new WaitingRows(() => this.requestUpdate());
  private readonly ticker = new SecondTicker(this, () => this.clock);
  private listObserver: ResizeObserver | undefined;
  private observedList: HTMLElement | undefined;

  constructor() {
    super();
    this.rowHeight = 32;
    this.clock = systemClock;
    this.active = 0;
    this.listScroll = 0;
    this.viewport = 320;
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('expanded')) {
      this.active = 0;
      this.listScroll = 0;
      this.rows.clear();
    }
  }

  override render() {
    const m = this.i18n.pick(messages);
    const s = this.board.value;
    if (!this.board.center) return this.message(m.noCenter);
    if (!s || s.status === 'loading') return this.message(m.loading);
    if (!s.data) return this.message(m.loadFailed);
    const data = s.data;
    const { queues } = data;
    if (queues.length === 0) return this.message(m.noQueues);
    const now = this.clock.now();
    return html`<div part="base" aria-busy=${s.status === 'error' ? 'true' : 'false'}>
      <table part="table">
        <caption class="visually-hidden">
          ${m.queueBoardLabel}
        </caption>
        <thead>
          <tr>
            <th scope="col">${m.colQueue}</th>
            <th scope="col">${m.colWaiting}</th>
            <th scope="col">${m.colLongestWait}</th>
            <th scope="col">${m.colServiceLevel}</th>
            <th scope="col">${m.colAgents}</th>
          </tr>
        </thead>
        <tbody>
          ${queues.map((q, i) => this.renderQueue(m, data, q, i, now))}
        </tbody>
      </table>
    </div>`;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.listObserver?.disconnect();
    this.observedList = undefined;
  }

  override updated(): void {
    this.observeList(this.list());
    const center = this.board.center;
    const queue = this.expandedQueue();
    if (center && queue) {
      const { start, end } = this.window(queue.waiting.length);
      const inView = queue.waiting.slice(start, end);
      this.rows.ensure(center, inView);
      this.rows.retain(inView);
    }
    if (this.isConnected && this.board.value?.data) this.ticker.run();
  }

  /**
   * Follows the open list's height with a ResizeObserver: reading `clientHeight` after each
   * render would force a synchronous layout on every update (the board's main cost under load).
   */
  private observeList(list: HTMLElement | null): void {
    if ((list ?? undefined) === this.observedList) return;
    this.observedList = list ?? undefined;
    this.listObserver ??= new ResizeObserver((entries) => {
      const height = entries[entries.length - 1]?.contentRect.height ?? 0;
      if (height > 0 && height !== this.viewport) this.viewport = height;
    });
    this.listObserver.disconnect();
    if (list) this.listObserver.observe(list);
  }

  private message(text: string) {
    return html`<div part="base message" role="status">${text}</div>`;
  }

  private renderQueue(
    m: Messages,
    data: QueueBoardData,
    q: QueueSnapshot,
    index: number,
    now: number,
  ) {
    const locale = this.i18n.locale;
    const id = q.config.id;
    const name = q.config.name ?? id;
    const kpi = groupOf(data.kpis.window.groups, id);
    const open = this.expanded === id;
    const counts = countAgents(q, data.agents);
    const longest =
      q.waiting.length === 0 || kpi?.longestWaitSeconds == null
        ? m.notAvailable
        : formatDuration(locale, kpi.longestWaitSeconds * 1000 + Math.max(0, now - data.kpis.at));
    return html`<tr part="queue" data-queue=${id}>
        <th scope="row">
          <button
            part="toggle"
            aria-expanded=${open ? 'true' : 'false'}
            aria-controls=${open ? `waiting-${index}` : nothing}
            title=${m.showWaiting(name)}
            @click=${() => this.toggle(id)}
          >
            ${name}
          </button>
        </th>
        <td part="waiting">${formatCount(locale, q.waiting.length)}</td>
        <td part="longest-wait">${longest}</td>
        <td part="service-level">
          ${kpi?.serviceLevel == null ? m.notAvailable : formatPercent(locale, kpi.serviceLevel)}
        </td>
        <td part="agents">
          ${m.agentsByState(
            formatCount(locale, counts.available),
            formatCount(locale, counts.busy),
            formatCount(locale, counts.notReady),
          )}
        </td>
      </tr>
      ${
        open
          ? html`<tr>
              <td colspan="5">${this.renderList(m, q, name, index, now)}</td>
            </tr>`
          : nothing
      }`;
  }

  private renderList(m: Messages, q: QueueSnapshot, name: string, index: number, now: number) {
    const locale = this.i18n.locale;
    const count = q.waiting.length;
    if (count === 0) return html`<div part="message" role="status">${m.noneWaiting}</div>`;
    const { start, end } = this.window(count);
    const active = Math.min(this.active, count - 1);
    const rows = [];
    for (let i = start; i < end; i++) {
      const id = q.waiting[i] as string;
      rows.push(this.renderRow(m, locale, this.rows.get(id), id, i, count, i === active, now));
    }
    return html`<div
      part="list"
      id=${`waiting-${index}`}
      role="listbox"
      tabindex="0"
      aria-label=${m.waitingListLabel(name, formatCount(locale, count))}
      aria-activedescendant=${`row-${active}`}
      @keydown=${(e: KeyboardEvent) => this.onListKey(e, q)}
      @scroll=${this.onScroll}
    >
      <div role="none" ${styleProps({ 'block-size': `${count * this.rowHeight}px` })}></div>
      ${rows}
    </div>`;
  }

  private renderRow(
    m: Messages,
    locale: Locale,
    ix: ContactCenterInteraction | undefined,
    id: string,
    i: number,
    count: number,
    selected: boolean,
    now: number,
  ) {
    const position = formatCount(locale, i + 1);
    const name = ix?.attributes['name'];
    const customer =
      typeof name === 'string' && name ? name : (ix?.customerId ?? m.unknownCustomer);
    const text = ix
      ? m.waitingRow(
          position,
          lookup(m.channel, ix.channel, ix.channel),
          customer,
          formatDuration(locale, now - ix.createdAt),
        )
      : `${position}. ${id}`;
    return html`<div
      part="row"
      id=${`row-${i}`}
      role="option"
      aria-selected=${selected ? 'true' : 'false'}
      aria-setsize=${count}
      aria-posinset=${i + 1}
      data-interaction=${id}
      ${styleProps({
        'block-size': `${this.rowHeight}px`,
        transform: `translateY(${i * this.rowHeight}px)`,
        'inset-block-start': '0',
      })}
      @click=${() => this.select(i)}
    >
      ${text}
    </div>`;
  }

  private window(count: number) {
    return virtualWindow(count, this.listScroll, this.viewport, this.rowHeight);
  }

  private list(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('[part~="list"]');
  }

  private expandedQueue(): QueueSnapshot | undefined {
    const id = this.expanded;
    return id === undefined
      ? undefined
      : this.board.value?.data?.queues.find((q) => q.config.id === id);
  }

  private toggle(queueId: string): void {
    const expanded = this.expanded !== queueId;
    this.expanded = expanded ? queueId : undefined;
    const detail: QueueToggleDetail = { queueId, expanded };
    emit(this, 'sb-queue-toggle', detail);
  }

  private select(index: number): void {
    const queue = this.expandedQueue();
    const interactionId = queue?.waiting[index];
    if (!queue || interactionId === undefined) return;
    this.moveTo(index, queue.waiting.length);
    const detail: InteractionSelectDetail = { queueId: queue.config.id, interactionId };
    emit(this, 'sb-interaction-select', detail);
  }

  private readonly onScroll = (event: Event): void => {
    this.listScroll = (event.target as HTMLElement).scrollTop;
  };

  private onListKey(event: KeyboardEvent, q: QueueSnapshot): void {
    const count = q.waiting.length;
    const page = Math.max(1, Math.floor(this.viewport / this.rowHeight) - 1);
    const at = Math.min(this.active, count - 1);
    const moves: Record<string, number> = {
      ArrowDown: at + 1,
      ArrowUp: at - 1,
      PageDown: at + page,
      PageUp: at - page,
      Home: 0,
      End: count - 1,
    };
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.select(at);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      const toggle = this.renderRoot.querySelector<HTMLElement>(
        `[part~="queue"][data-queue="${CSS.escape(q.config.id)}"] [part~="toggle"]`,
      );
      this.expanded = undefined;
      emit(this, 'sb-queue-toggle', {
        queueId: q.config.id,
        expanded: false,
      } satisfies QueueToggleDetail);
      toggle?.focus();
    } else if (Object.prototype.hasOwnProperty.call(moves, event.key)) {
      event.preventDefault();
      this.moveTo(moves[event.key] as number, count);
    }
  }

  private moveTo(index: number, count: number): void {
    const next = Math.max(0, Math.min(count - 1, index));
    this.active = next;
    const top = next * this.rowHeight;
    const list = this.list();
    let scrollTop = this.listScroll;
    if (top < scrollTop) scrollTop = top;
    else if (top + this.rowHeight > scrollTop + this.viewport)
      scrollTop = top + this.rowHeight - this.viewport;
    if (scrollTop !== this.listScroll) {
      this.listScroll = scrollTop;
      if (list) list.scrollTop = scrollTop;
    }
  }
}

function groupOf(groups: Readonly<Record<string, KpiValues>>, id: string): KpiValues | undefined {
  return Object.prototype.hasOwnProperty.call(groups, id) ? groups[id] : undefined;
}
