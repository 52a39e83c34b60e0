// The server process of `npm run bench:server`: reports its URL over IPC, answers RSS requests.
import { createServer } from '../src/index.js';

const secret = Buffer.from(process.env['SWITCHBOARD_JWT_SECRET'] ?? '', 'hex');
const server = await createServer({ port: 0, jwtSecret: secret });
const url = await server.listen();
process.send?.({ type: 'ready', url });
process.on('message', (message: { type?: string }) => {
  if (message.type === 'rss') process.send?.({ type: 'rss', rss: process.memoryUsage().rss });
  if (message.type === 'stop') void server.close().then(() => process.exit(0));
});
