// Prints the Kamailio configuration for the example options (see README.md beside this file).
import { renderKamailioConfig } from '../../packages/adapters/src/kamailio/kamailio-config.js';
import { exampleOptions } from './options.js';

process.stdout.write(renderKamailioConfig(exampleOptions));
