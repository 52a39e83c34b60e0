import { AdapterAuthError } from '../http/adapter-auth-error.js';
import { AdapterHttpError } from '../http/adapter-http-error.js';
import { AdapterNotFoundError } from '../http/adapter-not-found-error.js';
import { AdapterValidationError } from '../http/adapter-validation-error.js';
import type { OdooRpcError } from './wire-types.js';

const AUTH = new Set(['odoo.exceptions.AccessDenied', 'odoo.exceptions.AccessError']);
const NOT_FOUND = new Set(['odoo.exceptions.MissingError']);
const VALIDATION = new Set([
  'odoo.exceptions.ValidationError',
  'odoo.exceptions.UserError',
  'builtins.ValueError',
  'builtins.TypeError',
  'builtins.KeyError',
]);
const RETRYABLE = new Set([
  'psycopg2.errors.SerializationFailure',
  'psycopg2.errors.LockNotAvailable',
  'psycopg2.OperationalError',
]);

/**
 * Turns a JSON-RPC error (Odoo answers HTTP 200 with `{ error: { code, message, data: { name,
 * message } } }`) into the adapters' typed errors by the Python exception's name: access errors
 * are auth errors, a missing record is not-found, validation and user errors keep Odoo's
 * message, a serialization failure is retryable. The traceback (`data.debug`) is never kept.
 *
 * @internal
 */
export function odooRpcError(error: OdooRpcError, method: string, url: string): AdapterHttpError {
  const name = typeof error.data?.name === 'string' ? error.data.name : '';
  const detail = typeof error.data?.message === 'string' ? error.data.message : error.message;
  const vendorMessage = `${name || error.code}: ${String(detail).slice(0, 500)}`;
  const text = `${method} ${url} failed: ${vendorMessage}`;
  const details = { method: 'POST', url, vendorMessage };
  if (AUTH.has(name)) return new AdapterAuthError(text, details);
  if (NOT_FOUND.has(name)) return new AdapterNotFoundError(text, details);
  if (VALIDATION.has(name)) return new AdapterValidationError(text, details);
  return new AdapterHttpError('ADAPTER_HTTP', text, { ...details, retryable: RETRYABLE.has(name) });
}
