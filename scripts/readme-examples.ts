// Extracts the ```ts examples of a README and turns `expr; // 'value'` lines into assertions, so
// the examples the READMEs show are run by the tests and cannot drift from the code.
import { readFileSync } from 'node:fs';

/** The TypeScript examples of a markdown file, with result comments turned into assertions. */
export function readmeExamples(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  const blocks = [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  return blocks.map((block) => {
    const lines = block.split('\n').map((line) => {
      const m =
        /^(\s*)(.+?);\s*\/\/\s*('[^']*'|-?\d+(?:\.\d+)?|true|false|undefined|\[.*\]|\{.*\})(?::.*)?$/.exec(
          line,
        );
      return m ? `${m[1]}assert.deepStrictEqual(${m[2]}, ${m[3]});` : line;
    });
    return `import assert from 'node:assert/strict';\n${lines.join('\n')}`;
  });
}
