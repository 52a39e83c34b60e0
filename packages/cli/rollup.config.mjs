import { fileURLToPath } from 'node:url';
import { packageConfig } from '../../rollup.config.mjs';

const config = packageConfig(fileURLToPath(new URL('.', import.meta.url)));
// The CLI has no library exports; its one entry is the command's main module.
config.input = { main: fileURLToPath(new URL('./src/main.ts', import.meta.url)) };
export default config;
