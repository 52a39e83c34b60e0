import type { ReactiveController, ReactiveControllerHost, ReactiveElement } from 'lit';
import { ContextConsumer } from '@lit/context';
import type { ContactCenter, CustomerIdentity } from '@switchboard/core/contact-center';
import type { Unsubscribe } from '@switchboard/core/shared';
import { contactCenterContext } from '../../context/contact-center-context.js';
import {
  contactCenterCustomerProvider,
  type ContactCenterCustomerProviderOptions,
  type CustomerCardData,
  type CustomerCardProvider,
} from './customer-card-provider.js';

/** What a {@link CustomerCardBinding} holds. @internal */
export type CustomerCardState =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly data: CustomerCardData }
  | { readonly status: 'error'; readonly data?: CustomerCardData; readonly error: unknown };

/** Which customer, and where the data comes from. @internal */
export interface CustomerCardBindingOptions {
  readonly provider: () => CustomerCardProvider | undefined;
  readonly center: () => ContactCenter | undefined;
  readonly crm: () => ContactCenterCustomerProviderOptions['crm'];
  readonly customerId: () => string | undefined;
  readonly identity: () => CustomerIdentity | undefined;
}

/**
 * Binds `<sb-customer-card>` to its provider: the explicit one, or the default over the center
 * (explicit or from the `sb-contact-center` context). Resolves an identity to a customer id, loads
 * the card, reloads when the provider's `watch` says it changed (reads coalesce: one at a time, one
 * more if changes arrived meanwhile), and stops watching on disconnect. Results of a superseded
 * binding (another customer, another provider) are dropped.
 *
 * @internal
 */
export class CustomerCardBinding implements ReactiveController {
  state: CustomerCardState = { status: 'idle' };
  private contextCenter: ContactCenter | undefined;
  private defaultProvider:
    { center: ContactCenter; crm: unknown; provider: CustomerCardProvider } | undefined;
  private bound: { provider: CustomerCardProvider; key: string } | undefined;
  private generation = 0;
  private stopWatch: Unsubscribe | undefined;
  private connected = false;
  private reading = false;
  private stale = false;

  constructor(
    private readonly host: ReactiveControllerHost & ReactiveElement,
    private readonly options: CustomerCardBindingOptions,
  ) {
    host.addController(this);
    new ContextConsumer(host, {
      context: contactCenterContext,
      subscribe: true,
      callback: (center) => {
        this.contextCenter = center ?? undefined;
        this.sync();
        this.host.requestUpdate();
      },
    });
  }

  /** The provider in use, if any. */
  get provider(): CustomerCardProvider | undefined {
    const explicit = this.options.provider();
    if (explicit) return explicit;
    const center = this.options.center() ?? this.contextCenter;
    if (!center) return undefined;
    const crm = this.options.crm();
    const cached = this.defaultProvider;
    if (cached && cached.center === center && cached.crm === crm) return cached.provider;
    const provider = contactCenterCustomerProvider(center, crm ? { crm } : {});
    this.defaultProvider = { center, crm, provider };
    return provider;
  }

  hostConnected(): void {
    this.connected = true;
    this.sync();
  }

  hostUpdate(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.close();
  }

  private sync(): void {
    const provider = this.connected ? this.provider : undefined;
    const customerId = this.options.customerId();
    const identity = this.options.identity();
    const key = customerId
      ? JSON.stringify(['id', customerId])
      : identity
        ? JSON.stringify(['identity', identity.kind, identity.value, identity.system ?? null])
        : undefined;
    if (this.bound && provider === this.bound.provider && key === this.bound.key) return;
    this.close();
    if (!provider || key === undefined) return;
    this.bound = { provider, key };
    const generation = ++this.generation;
    this.state = { status: 'loading' };
    void this.open(provider, generation, customerId, identity);
  }

  private async open(
    provider: CustomerCardProvider,
    generation: number,
    customerId: string | undefined,
    identity: CustomerIdentity | undefined,
  ): Promise<void> {
    let id = customerId;
    try {
      if (id === undefined && identity) {
        if (!provider.find) throw new Error('this customer provider cannot look up identities');
        id = await provider.find(identity);
      }
    } catch (error) {
      this.settle(generation, { status: 'error', error });
      return;
    }
    if (generation !== this.generation || id === undefined) return;
    const target = id;
    this.stopWatch = provider.watch?.(target, () => this.read(provider, generation, target));
    this.read(provider, generation, target);
  }

  private read(provider: CustomerCardProvider, generation: number, customerId: string): void {
    if (generation !== this.generation) return;
    if (this.reading) {
      this.stale = true;
      return;
    }
    this.reading = true;
    this.stale = false;
    const again = () => this.read(provider, generation, customerId);
    provider.load(customerId).then(
      (data) => this.finish(generation, { status: 'ready', data }, again),
      (error: unknown) => {
        const previous = this.state.status === 'ready' ? this.state.data : undefined;
        const state: CustomerCardState = {
          status: 'error',
          error,
          ...(previous ? { data: previous } : {}),
        };
        this.finish(generation, state, again);
      },
    );
  }

  private finish(generation: number, state: CustomerCardState, again: () => void): void {
    if (generation !== this.generation) return;
    this.reading = false;
    this.settle(generation, state);
    if (this.stale) again();
  }

  private settle(generation: number, state: CustomerCardState): void {
    if (generation !== this.generation) return;
    this.state = state;
    this.host.requestUpdate();
  }

  private close(): void {
    this.generation++;
    this.stopWatch?.();
    this.stopWatch = undefined;
    this.bound = undefined;
    this.reading = false;
    this.stale = false;
    this.state = { status: 'idle' };
  }
}
