import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { ValidationIssue } from '@switchboard/core/shared';
import { pointerSegment, resolveRef, type OpenApiDocument, type Operation } from './document.js';

const DOC = 'openapi';

/** What one request carries, before validation. */
export interface RawRequest {
  readonly params: Record<string, unknown>;
  readonly query: Record<string, unknown>;
  readonly body: unknown;
}

/** Validators of one operation's request parts and documented responses. */
interface OperationValidators {
  readonly params: ValidateFunction | undefined;
  readonly query: ValidateFunction | undefined;
  readonly body: ValidateFunction | undefined;
  readonly responses: ReadonlyMap<number, ValidateFunction>;
}

/**
 * Checks requests and responses against the OpenAPI document with Ajv (JSON Schema 2020-12, the
 * dialect of OpenAPI 3.1). Path and query values arrive as strings and are coerced to the
 * documented types first. Runs on the server only (Ajv generates code; browsers never load it).
 */
export class OpenApiValidator {
  private readonly strictAjv: Ajv2020;
  private readonly coercingAjv: Ajv2020;
  private readonly byOperation = new Map<string, OperationValidators>();
  private readonly bySchema = new Map<string, ValidateFunction>();

  constructor(doc: OpenApiDocument, operations: readonly Operation[]) {
    this.strictAjv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    this.coercingAjv = new Ajv2020({
      strict: false,
      allErrors: true,
      validateFormats: false,
      coerceTypes: true,
    });
    this.strictAjv.addSchema(doc as object, DOC);
    this.coercingAjv.addSchema(doc as object, DOC);
    for (const op of operations) this.byOperation.set(op.id, this.compile(doc, op));
  }

  /** Every problem of `request` for `operation`, each with a path (`$.body.x`, `$.query.limit`). */
  checkRequest(operation: Operation, request: RawRequest): ValidationIssue[] {
    const v = this.validators(operation);
    const issues: ValidationIssue[] = [];
    if (v.params && !v.params(request.params))
      issues.push(...toIssues('$.params', v.params.errors));
    if (v.query && !v.query(request.query)) issues.push(...toIssues('$.query', v.query.errors));
    if (operation.hasBody) {
      if (request.body === undefined) {
        if (operation.bodyRequired)
          issues.push({ path: '$.body', message: 'a JSON body is required' });
      } else if (v.body && !v.body(request.body)) {
        issues.push(...toIssues('$.body', v.body.errors));
      }
    } else if (request.body !== undefined) {
      issues.push({ path: '$.body', message: 'this operation takes no body' });
    }
    return issues;
  }

  /**
   * Problems of a response: an undocumented status, or a body that does not match the documented
   * schema. Used in tests and, when enabled, on every response.
   */
  checkResponse(operation: Operation, status: number, body: unknown): ValidationIssue[] {
    const v = this.validators(operation).responses.get(status);
    if (!operation.statuses.includes(status)) {
      return [
        { path: '$.status', message: `status ${status} is not documented for ${operation.id}` },
      ];
    }
    if (!v || v(body)) return [];
    return toIssues('$.response', v.errors);
  }

  /**
   * Problems of `value` against `#/components/schemas/<name>` (e.g. each message the event socket
   * sends, against `SocketMessage`), each with a path under `root`.
   */
  checkSchema(name: string, value: unknown, root = '$'): ValidationIssue[] {
    let validate = this.bySchema.get(name);
    if (!validate) {
      validate = this.strictAjv.compile({
        $ref: `${DOC}#/components/schemas/${pointerSegment(name)}`,
      });
      this.bySchema.set(name, validate);
    }
    return validate(value) ? [] : toIssues(root, validate.errors);
  }

  private validators(operation: Operation): OperationValidators {
    const v = this.byOperation.get(operation.id);
    if (!v) throw new Error(`no validators for operation ${operation.id}`);
    return v;
  }

  private compile(doc: OpenApiDocument, op: Operation): OperationValidators {
    const ref = (pointer: string) => ({ $ref: `${DOC}${pointer}` });
    const partSchema = (where: 'path' | 'query') => {
      const params = op.parameters.map((p, i) => ({ ...p, i })).filter((p) => p.in === where);
      if (params.length === 0 && where === 'path') return undefined;
      return {
        type: 'object',
        additionalProperties: false,
        required: params.filter((p) => p.required).map((p) => p.name),
        properties: Object.fromEntries(
          params.map((p) => [p.name, ref(`${op.pointer}/parameters/${p.i}/schema`)]),
        ),
      };
    };
    // Parameters given by $ref: point at the referenced parameter's schema instead.
    const fixRefs = (schema: ReturnType<typeof partSchema>) => {
      if (!schema) return undefined;
      const raw = (doc.paths[op.path]?.[op.method] as { parameters?: { $ref?: string }[] })
        .parameters;
      for (const p of op.parameters) {
        const i = op.parameters.indexOf(p);
        const r = raw?.[i]?.$ref;
        if (r && schema.properties[p.name]) schema.properties[p.name] = ref(`${r}/schema`);
      }
      return schema;
    };
    const params = fixRefs(partSchema('path'));
    const query = fixRefs(partSchema('query'));
    const opNode = doc.paths[op.path]?.[op.method] as {
      requestBody?: { content?: Record<string, unknown> };
      responses?: Record<string, { $ref?: string; content?: Record<string, unknown> }>;
    };
    const responses = new Map<number, ValidateFunction>();
    for (const [status, response] of Object.entries(opNode.responses ?? {})) {
      const base = response.$ref
        ? response.$ref
        : `${op.pointer}/responses/${pointerSegment(status)}`;
      const resolved = response.$ref
        ? resolveRef<{ content?: Record<string, unknown> }>(doc, response.$ref)
        : response;
      const type = Object.keys(resolved.content ?? {}).find((t) => t.endsWith('json'));
      if (type) {
        responses.set(
          Number(status),
          this.strictAjv.compile(ref(`${base}/content/${pointerSegment(type)}/schema`)),
        );
      }
    }
    return {
      params: params ? this.coercingAjv.compile(params) : undefined,
      query: query ? this.coercingAjv.compile(query) : undefined,
      body: opNode.requestBody
        ? this.strictAjv.compile(
            ref(`${op.pointer}/requestBody/content/${pointerSegment('application/json')}/schema`),
          )
        : undefined,
      responses,
    };
  }
}

/** Ajv errors as issues: `$.body.skills.billing: must be number`. */
function toIssues(root: string, errors: ErrorObject[] | null | undefined): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    let path =
      root +
      e.instancePath
        .split('/')
        .slice(1)
        .map((s) => `.${s.replace(/~1/g, '/').replace(/~0/g, '~')}`)
        .join('');
    const params = e.params as { missingProperty?: string; additionalProperty?: string };
    if (params.missingProperty !== undefined) path += `.${params.missingProperty}`;
    if (params.additionalProperty !== undefined) path += `.${params.additionalProperty}`;
    const message =
      params.additionalProperty !== undefined
        ? 'is not a known property'
        : (e.message ?? 'is invalid');
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ path, message });
    if (issues.length >= 50) break;
  }
  return issues;
}
