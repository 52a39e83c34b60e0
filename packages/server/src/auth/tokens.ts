import { SignJWT, decodeJwt, jwtVerify, errors as joseErrors, type JWTPayload } from 'jose';
import { SwitchboardError } from '@switchboard/core/shared';
import { ROLES, type Role } from '../openapi/document.js';
import { OidcTokenError, OidcVerifier, type OidcOptions } from './oidc-verifier.js';
import { VerifiedTokens } from './verified-tokens.js';

/** Who calls: from a verified token. */
export interface Principal {
  /** The user; for role `agent`, the agent id; for role `customer`, the chat session id. */
  readonly sub: string;
  /** The tenant whose data the caller may touch. */
  readonly tenant: string;
  readonly roles: readonly Role[];
  /** When the token expires (epoch seconds), if it does. */
  readonly exp: number | undefined;
}

/** Why a token was refused. */
export class AuthError extends SwitchboardError<'UNAUTHORIZED'> {
  override name = 'AuthError';
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('UNAUTHORIZED', message, options);
  }
}

/** What {@link TokenService.issue} puts in a token. */
export interface TokenClaims {
  readonly sub: string;
  readonly tenant: string;
  readonly roles: readonly Role[];
  /** Lifetime in seconds. Default 3,600. */
  readonly ttlSeconds?: number;
}

const ISSUER = 'switchboard';
const AUDIENCE = 'switchboard-api';
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:@#-]{0,127}$/;

/** Options of {@link TokenService}. */
export interface TokenServiceOptions {
  /**
   * Also accept tokens of an OpenID Connect provider, verified against its remote key set
   * (production); tokens whose `iss` is the provider's go there, every other token to the
   * shared secret.
   */
  readonly oidc?: OidcOptions;
}

/**
 * Issues and verifies bearer JWTs with jose: HS256 with a shared secret (the embedded default
 * generates one at start) and, with `oidc`, tokens of an OpenID Connect provider checked against
 * its JWKS (cached, re-fetched when the provider rotates keys). Tokens carry `sub`, `tenant` and
 * `roles`, an issuer and an audience. A token that verified is remembered until it expires (at
 * most 5 minutes), so a desktop's next commands with the same token skip the signature check.
 */
export class TokenService {
  private readonly key: Uint8Array;
  private readonly oidc: OidcVerifier | undefined;
  private readonly verified = new VerifiedTokens();

  /** @param secret - at least 32 bytes. */
  constructor(secret: Uint8Array, options: TokenServiceOptions = {}) {
    if (secret.length < 32) throw new RangeError('the JWT secret must be at least 32 bytes');
    this.key = secret;
    this.oidc = options.oidc ? new OidcVerifier(options.oidc) : undefined;
  }

  /** A new random 32-byte secret. */
  static generateSecret(): Uint8Array {
    return crypto.getRandomValues(new Uint8Array(32));
  }

  /** Signs a token for `claims`. */
  async issue(claims: TokenClaims): Promise<string> {
    return new SignJWT({ tenant: claims.tenant, roles: [...claims.roles] })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.sub)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${claims.ttlSeconds ?? 3600}s`)
      .sign(this.key);
  }

  /** Verifies `token` and reads its principal. @throws AuthError */
  async verify(token: string): Promise<Principal> {
    const known = this.verified.get(token);
    if (known) return known;
    const principal = await this.verifyUncached(token);
    this.verified.remember(token, principal);
    return principal;
  }

  private async verifyUncached(token: string): Promise<Principal> {
    if (this.oidc && issuerOf(token) === this.oidc.issuer) {
      let payload: JWTPayload;
      try {
        payload = await this.oidc.verify(token);
      } catch (error) {
        const reason = error instanceof OidcTokenError ? error.message : 'the token is invalid';
        throw new AuthError(reason, { cause: error });
      }
      const { tenant, roles } = this.oidc.claims;
      return principalOf(payload, payload[tenant], payload[roles]);
    }
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
      }));
    } catch (error) {
      const reason =
        error instanceof joseErrors.JWTExpired ? 'the token has expired' : 'the token is invalid';
      throw new AuthError(reason, { cause: error });
    }
    return principalOf(payload, payload['tenant'], payload['roles']);
  }
}

/** The unverified `iss` of a token (only to choose how to verify it). */
function issuerOf(token: string): string | undefined {
  try {
    return decodeJwt(token).iss;
  } catch {
    return undefined;
  }
}

function principalOf(payload: JWTPayload, tenant: unknown, roles: unknown): Principal {
  const { sub, exp } = payload;
  if (typeof sub !== 'string' || !ID_PATTERN.test(sub)) {
    throw new AuthError('the token has no valid sub');
  }
  if (typeof tenant !== 'string' || !ID_PATTERN.test(tenant)) {
    throw new AuthError('the token has no valid tenant claim');
  }
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every(isRole)) {
    throw new AuthError(`the token's roles must be a non-empty list of ${ROLES.join(', ')}`);
  }
  // A visitor's token never doubles as a staff one: a mix would widen what the socket shows.
  if (roles.includes('customer') && roles.length > 1) {
    throw new AuthError('a customer token carries no other role');
  }
  // Frozen: a remembered principal is shared by every request that sends the same token.
  return Object.freeze({
    sub,
    tenant,
    roles: Object.freeze([...roles]),
    exp: typeof exp === 'number' ? exp : undefined,
  });
}

function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
