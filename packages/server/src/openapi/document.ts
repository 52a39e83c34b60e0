import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from 'yaml';

/** The HTTP methods the document uses. */
export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
/** One of {@link HTTP_METHODS}. */
export type HttpMethod = (typeof HTTP_METHODS)[number];

/**
 * A role a token can carry; `public` and `ticket` mark operations without a bearer token. `customer`
 * is a website visitor's chat session (see `POST /v1/customer-tokens`): it reaches only the chats
 * it created, and a token that carries it carries no other role.
 */
export const ROLES = ['agent', 'supervisor', 'admin', 'integration', 'customer'] as const;
/** One of {@link ROLES}. */
export type Role = (typeof ROLES)[number];

/** One operation of the document, as the server routes it. */
export interface Operation {
  readonly id: string;
  readonly method: HttpMethod;
  /** The OpenAPI path, e.g. `/v1/agents/{agentId}`. */
  readonly path: string;
  /** JSON pointer of the operation in the document (for schema references). */
  readonly pointer: string;
  /** Roles admitted (`x-roles`); `public` or `ticket` for unauthenticated operations. */
  readonly roles: readonly string[];
  /** `self` (agent acts on itself) or `interaction` (on its own interactions), for role agent. */
  readonly agentScope: 'self' | 'interaction' | undefined;
  readonly parameters: readonly { name: string; in: 'path' | 'query'; required: boolean }[];
  readonly hasBody: boolean;
  readonly bodyRequired: boolean;
  /** Documented response status codes. */
  readonly statuses: readonly number[];
}

/** The parsed OpenAPI document (plain JSON). */
export type OpenApiDocument = {
  readonly openapi: string;
  readonly info: {
    readonly title: string;
    readonly version: string;
    readonly description?: string;
  };
  readonly paths: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly components: Readonly<Record<string, unknown>>;
};

/** Reads `openapi.yaml` shipped with this package. */
export function loadOpenApiDocument(): OpenApiDocument {
  const require = createRequire(import.meta.url);
  const file = require.resolve('@switchboard/server/openapi.yaml');
  return parse(readFileSync(file, 'utf8')) as OpenApiDocument;
}

/** Escapes one JSON-pointer segment. */
export function pointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

interface RawParameter {
  readonly $ref?: string;
  readonly name?: string;
  readonly in?: string;
  readonly required?: boolean;
}

/** Every operation of `doc`, with its roles, parameters, body and documented statuses. */
export function listOperations(doc: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of HTTP_METHODS) {
      const op = item[method] as Record<string, unknown> | undefined;
      if (!op) continue;
      const parameters = ((op['parameters'] as RawParameter[] | undefined) ?? []).map((p) => {
        const resolved = p.$ref ? resolveRef<RawParameter>(doc, p.$ref) : p;
        return {
          name: String(resolved.name),
          in: resolved.in as 'path' | 'query',
          required: resolved.required === true,
        };
      });
      const body = op['requestBody'] as { required?: boolean } | undefined;
      const scope = op['x-agent-scope'];
      operations.push({
        id: String(op['operationId']),
        method,
        path,
        pointer: `#/paths/${pointerSegment(path)}/${method}`,
        roles: (op['x-roles'] as string[] | undefined) ?? [],
        agentScope: scope === 'self' || scope === 'interaction' ? scope : undefined,
        parameters,
        hasBody: body !== undefined,
        bodyRequired: body?.required === true,
        statuses: Object.keys((op['responses'] as object) ?? {}).map(Number),
      });
    }
  }
  return operations;
}

/** Resolves a local `#/...` reference. */
export function resolveRef<T>(doc: OpenApiDocument, ref: string): T {
  let node: unknown = doc;
  for (const raw of ref.replace(/^#\//, '').split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = (node as Record<string, unknown>)[key];
  }
  return node as T;
}
