import { createRemoteJWKSet, jwtVerify, errors as joseErrors, type JWTPayload } from 'jose';

/** Verifying tokens of an OpenID Connect provider (Keycloak, Entra ID, Auth0, Okta...). */
export interface OidcOptions {
  /** The provider's issuer (`iss` of its tokens), e.g. `https://login.example.com/realms/cc`. */
  readonly issuer: string;
  /** The audience (`aud`) this API is, as the provider writes it; one of them must match. */
  readonly audience: string | readonly string[];
  /** The provider's JSON Web Key Set (`jwks_uri` of its discovery document). */
  readonly jwksUrl: string;
  /** Accepted signature algorithms. Default RS256, PS256, ES256 and EdDSA (never an HMAC). */
  readonly algorithms?: readonly string[];
  /** Claim holding the tenant. Default `tenant`. */
  readonly tenantClaim?: string;
  /** Claim holding the list of roles. Default `roles`. */
  readonly rolesClaim?: string;
  /** How long fetched keys are used before they are fetched again (ms). Default 10 minutes. */
  readonly cacheMaxAgeMs?: number;
  /**
   * Least time between two fetches (ms): a token signed by an unknown key (`kid`) fetches the key
   * set again, at most this often (key rotation without letting bad tokens hammer the provider).
   * Default 30 s.
   */
  readonly cooldownMs?: number;
  /** Timeout of a key-set fetch (ms). Default 5 s. */
  readonly timeoutMs?: number;
}

const ASYMMETRIC = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'EdDSA',
];

/** Why an OIDC token was refused (message safe to show; the token is never included). */
export class OidcTokenError extends Error {
  override name = 'OidcTokenError';
}

/**
 * Verifies bearer tokens against an OIDC provider's remote key set with jose: the signature
 * (asymmetric algorithms only, so a token cannot be forged with the public key as an HMAC
 * secret), issuer, audience, expiry and not-before. Keys are cached and fetched again when a token
 * names an unknown key, so the provider can rotate its keys at any time.
 *
 * @internal Used by `TokenService` when the server runs with `oidc`.
 */
export class OidcVerifier {
  private readonly keys: ReturnType<typeof createRemoteJWKSet>;
  private readonly algorithms: string[];

  constructor(private readonly options: OidcOptions) {
    let url: URL;
    try {
      url = new URL(options.jwksUrl);
    } catch (error) {
      throw new RangeError(`oidc.jwksUrl is not a URL: ${String(options.jwksUrl)}`, {
        cause: error,
      });
    }
    if (url.protocol !== 'https:' && url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') {
      throw new RangeError('oidc.jwksUrl must use https (plain http only on localhost)');
    }
    this.algorithms = [...(options.algorithms ?? ['RS256', 'PS256', 'ES256', 'EdDSA'])];
    const unsafe = this.algorithms.filter((a) => !ASYMMETRIC.includes(a));
    if (unsafe.length > 0) {
      throw new RangeError(`oidc.algorithms must be asymmetric; refused: ${unsafe.join(', ')}`);
    }
    this.keys = createRemoteJWKSet(url, {
      cacheMaxAge: options.cacheMaxAgeMs ?? 600_000,
      cooldownDuration: options.cooldownMs ?? 30_000,
      timeoutDuration: options.timeoutMs ?? 5_000,
    });
  }

  /** The issuer whose tokens this verifier takes. */
  get issuer(): string {
    return this.options.issuer;
  }

  /** The claims of the tenant and of the roles. */
  get claims(): { tenant: string; roles: string } {
    return {
      tenant: this.options.tenantClaim ?? 'tenant',
      roles: this.options.rolesClaim ?? 'roles',
    };
  }

  /** Verifies `token`; resolves to its payload. @throws OidcTokenError */
  async verify(token: string): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, this.keys, {
        algorithms: this.algorithms,
        issuer: this.options.issuer,
        audience: [
          ...(typeof this.options.audience === 'string'
            ? [this.options.audience]
            : this.options.audience),
        ],
      });
      return payload;
    } catch (error) {
      const reason =
        error instanceof joseErrors.JWTExpired
          ? 'the token has expired'
          : error instanceof joseErrors.JWKSNoMatchingKey
            ? 'the token is signed by a key the issuer does not publish'
            : error instanceof joseErrors.JWKSTimeout ||
                error instanceof joseErrors.JWKSInvalid ||
                !(error instanceof joseErrors.JOSEError)
              ? 'the issuer key set could not be fetched'
              : 'the token is invalid';
      throw new OidcTokenError(reason, { cause: error });
    }
  }
}
