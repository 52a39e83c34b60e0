import {
  createLocalContactCenter,
  type LocalContactCenter,
  type LocalContactCenterOptions,
} from '@switchboard/core/contact-center';

/**
 * One {@link LocalContactCenter} per tenant, made on first use: each tenant has its own engines
 * and its own event stream, so no query or event can reach another tenant's data.
 */
export class TenantRegistry {
  private readonly centers = new Map<string, LocalContactCenter>();

  /**
   * @param options Options of every center it creates.
   * @param create Makes a tenant's center instead (the durable store's, rebuilt from its records).
   */
  constructor(
    private readonly options: Omit<LocalContactCenterOptions, 'tenant'> = {},
    private readonly create?: (tenant: string) => LocalContactCenter,
  ) {}

  /** The tenant's center (created when first asked for). */
  get(tenant: string): LocalContactCenter {
    let center = this.centers.get(tenant);
    if (!center) {
      center = this.create?.(tenant) ?? createLocalContactCenter({ ...this.options, tenant });
      this.centers.set(tenant, center);
    }
    return center;
  }

  /** Forgets a tenant's center (without disposing it): the next `get` makes or asks for a new one. */
  evict(tenant: string): void {
    this.centers.delete(tenant);
  }

  /** Tenants with a center. */
  get size(): number {
    return this.centers.size;
  }

  /** Disposes every center. */
  dispose(): void {
    for (const center of this.centers.values()) center.dispose();
    this.centers.clear();
  }
}
