import { fileURLToPath } from 'node:url';
import { packageConfig } from '../../rollup.config.mjs';

export default packageConfig(fileURLToPath(new URL('.', import.meta.url)));
