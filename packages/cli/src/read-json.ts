/**
 * Reading the JSON files the commands take (scenarios, flows, test cases) so that no error ever
 * repeats a file's contents: a file that is not JSON may be anything (`/etc/passwd`, a key), and
 * Node's own parse errors quote its first bytes. Errors name the path and what was wrong.
 *
 * @internal
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** Largest JSON file a command reads: 64 MiB. */
export const MAX_JSON_FILE_BYTES = 64 * 1024 * 1024;

/** A file a command could not use; its message names the path and the problem, never the contents. */
export class CliInputError extends Error {
  override name = 'CliInputError';
}

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder, not a file';
    default:
      return code ? `cannot be read (${code})` : 'cannot be read';
  }
}

/** Line and column (1-based) of character `index` of `text`. */
function lineAndColumn(text: string, index: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index && i < text.length; i++)
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  return `line ${line}, column ${index - lineStart + 1}`;
}

/**
 * Reads and parses the JSON file at `path`.
 *
 * @throws CliInputError naming `path` and the problem (missing, unreadable, too large, not JSON
 *   with the line and column), never quoting the file.
 */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw Object.assign(new Error('folder'), { code: 'EISDIR' });
    if (stat.size > MAX_JSON_FILE_BYTES)
      throw new CliInputError(
        `${path}: ${stat.size} bytes, more than the ${MAX_JSON_FILE_BYTES} a JSON input may have`,
      );
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if (err instanceof CliInputError) throw err;
    throw new CliInputError(`${path}: ${describeFsError(err)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    // V8 quotes the text around the problem; keep only where it is.
    const at = /at position (\d+)/.exec(err instanceof Error ? err.message : '');
    const where = at ? ` (${lineAndColumn(text, Number(at[1]))})` : '';
    throw new CliInputError(`${path}: not valid JSON${where}`);
  }
}

/**
 * Resolves `path` (as written in a scenario) against `base`, and refuses it unless it is relative
 * and stays inside `root` once `..` and symbolic links are resolved.
 *
 * @throws CliInputError naming the path and the folder it must stay in.
 */
export function resolveInside(root: string, base: string, path: string): string {
  if (isAbsolute(path))
    throw new CliInputError(
      `flow path '${path}' is absolute: flow paths are relative to the scenario file`,
    );
  const full = resolve(base, path);
  let realRoot: string;
  let realFull: string;
  try {
    realRoot = realpathSync(root);
  } catch (err) {
    throw new CliInputError(`${root}: ${describeFsError(err)}`);
  }
  try {
    realFull = realpathSync(full);
  } catch (err) {
    throw new CliInputError(`IVR flow ${full}: ${describeFsError(err)}`);
  }
  const rel = relative(realRoot, realFull);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel))
    throw new CliInputError(
      `flow path '${path}' leads outside ${resolve(root)}, the folder flows are read from; ` +
        `pass --flow-root with a folder that holds it to allow it`,
    );
  return realFull;
}
