import { fileURLToPath } from 'node:url';
import { packageConfig } from '../../rollup.config.mjs';

// jssip stays an external dependency, imported lazily on first connect (see the root config).
export default packageConfig(fileURLToPath(new URL('.', import.meta.url)));
