// The page side of `npm run bench:widgets`: <sb-queue-board> over a local center holding 10,000
// waiting interactions, fed 1,000 updates a second (half new contacts, half abandons, so the queue
// stays at 10,000) for DURATION_MS, with frames and long tasks recorded.
import { createLocalContactCenter } from '@switchboard/core/contact-center';
import '../src/define.js';

const ROWS = 10_000;
const RATE = 1_000;
const DURATION_MS = 10_000;

declare global {
  interface Window {
    /** Fills a center for the next `runBench` (so that a run's CPU time can leave this out). */
    prepareBench(): Promise<void>;
    runBench(withBoard: boolean): Promise<Record<string, number>>;
  }
}

type Prepared = Awaited<ReturnType<typeof prepare>>;
let prepared: Prepared | undefined;

async function prepare() {
  const center = createLocalContactCenter();
  await center.addQueue({ id: 'backlog', requirements: [{ skill: 'none', minProficiency: 1 }] });
  await center.addQueue({ id: 'sales', requirements: [] });
  const waiting: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    const ix = await center.createInteraction({
      channel: 'voice',
      queueId: 'backlog',
      customerId: `c-${i}`,
    });
    waiting.push(ix.id);
  }
  return { center, waiting };
}

window.prepareBench = async () => {
  prepared = await prepare();
};

window.runBench = async (withBoard) => {
  const { center, waiting } = prepared ?? (await prepare());
  prepared = undefined;
  const longTasks: PerformanceEntry[] = [];
  new PerformanceObserver((list) => longTasks.push(...list.getEntries())).observe({
    type: 'longtask',
  });

  const t0 = performance.now();
  const board = document.createElement('sb-queue-board');
  board.center = center;
  board.expanded = 'backlog';
  if (withBoard) document.body.append(board);
  await new Promise<void>((resolve) => {
    if (!withBoard) return resolve();
    const check = () =>
      board.shadowRoot?.querySelector('[part~="row"]') ? resolve() : requestAnimationFrame(check);
    check();
  });
  const firstRenderMs = performance.now() - t0;
  const afterFirst = performance.now();

  const frames: number[] = [];
  let last = performance.now();
  let running = true;
  const frame = (now: number) => {
    frames.push(now - last);
    last = now;
    if (running) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);

  let sent = 0;
  let next = 0;
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.floor(((performance.now() - start) / 1000) * RATE);
      while (sent < due) {
        if (sent % 2 === 0) {
          void center
            .createInteraction({ channel: 'chat', queueId: 'backlog', customerId: `n-${sent}` })
            .then((ix) => waiting.push(ix.id));
        } else {
          const id = waiting[next++];
          if (id !== undefined) void center.abandon(id);
        }
        sent++;
      }
      if (performance.now() - start >= DURATION_MS) {
        clearInterval(timer);
        resolve();
      }
    }, 4);
  });
  running = false;
  const list = board.shadowRoot?.querySelector('[part~="list"]');
  const domRows = board.shadowRoot?.querySelectorAll('[part~="row"]').length ?? 0;
  frames.sort((a, b) => a - b);
  const p95 = frames[Math.floor(frames.length * 0.95)] ?? 0;
  center.dispose();
  return {
    rows: ROWS,
    updatesPerSec: Math.round(sent / ((performance.now() - start) / 1000)),
    frameP95Ms: Math.round(p95 * 10) / 10,
    longTasks: longTasks.filter((t) => t.startTime > afterFirst).length,
    firstRenderMs: Math.round(firstRenderMs),
    frames: frames.length,
    domRows: list ? domRows : -1,
  };
};
