import type { OpenApiDocument, Operation } from './openapi/document.js';

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A self-contained HTML reference of the document (no scripts, no external resources): every
 * operation with its method, path, roles, parameters, body schema and responses. The raw document
 * is at `/openapi.json`.
 */
export function renderReferencePage(
  doc: OpenApiDocument,
  operations: readonly Operation[],
): string {
  const rows = operations
    .map((op) => {
      const node = doc.paths[op.path]?.[op.method] as {
        summary?: string;
        requestBody?: { content?: Record<string, { schema?: unknown }> };
        responses?: Record<string, { description?: string; $ref?: string }>;
      };
      const body = node.requestBody?.content?.['application/json']?.schema;
      const params = op.parameters
        .map((p) => `<code>${escape(p.name)}</code> (${p.in}${p.required ? ', required' : ''})`)
        .join(', ');
      const responses = Object.entries(node.responses ?? {})
        .map(
          ([status, r]) =>
            `<li><b>${escape(status)}</b> ${escape(r.description ?? r.$ref?.split('/').pop() ?? '')}</li>`,
        )
        .join('');
      return `<section id="${escape(op.id)}">
<h3><span class="m ${op.method}">${op.method.toUpperCase()}</span> <code>${escape(op.path)}</code></h3>
<p>${escape(node.summary ?? '')}</p>
<p class="meta">operation <code>${escape(op.id)}</code> · roles: ${op.roles.map((r) => `<code>${escape(r)}</code>`).join(' ')}${op.agentScope ? ` · agent scope: ${op.agentScope}` : ''}</p>
${params ? `<p>Parameters: ${params}</p>` : ''}
${body ? `<details><summary>Request body</summary><pre>${escape(JSON.stringify(body, null, 2))}</pre></details>` : ''}
<ul>${responses}</ul>
</section>`;
    })
    .join('\n');
  const schemas = Object.entries((doc.components['schemas'] ?? {}) as Record<string, unknown>)
    .map(
      ([name, schema]) =>
        `<details id="schema-${escape(name)}"><summary><code>${escape(name)}</code></summary><pre>${escape(JSON.stringify(schema, null, 2))}</pre></details>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(doc.info.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
code,pre{font-family:ui-monospace,monospace;font-size:13px}pre{background:#f4f5f7;padding:.75rem;overflow:auto}
section{border-top:1px solid #ddd;padding:.5rem 0}.m{padding:.1rem .4rem;border-radius:3px;color:#fff;background:#555}
.get{background:#1f6feb}.post{background:#1a7f37}.patch{background:#9a6700}.meta{color:#57606a}
</style></head><body>
<h1>${escape(doc.info.title)} <small>${escape(doc.info.version)}</small></h1>
<p>OpenAPI ${escape(doc.openapi)} document: <a href="/openapi.json">/openapi.json</a></p>
<pre>${escape(doc.info.description ?? '')}</pre>
<h2>Operations</h2>
${rows}
<h2>Schemas</h2>
${schemas}
</body></html>`;
}
