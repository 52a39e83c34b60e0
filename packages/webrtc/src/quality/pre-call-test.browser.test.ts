import { expect } from '@open-wc/testing';
import { runPreCallTest } from './pre-call-test.js';

declare const it: (name: string, body: () => Promise<void>) => void;

it('pre-call test: microphone, candidates, media flow and MOS over a local connection', async () => {
  const result = await runPreCallTest({ durationMs: 1500 });
  expect(result.microphone).to.equal('ok');
  expect(result.inputLevel).to.be.greaterThan(0);
  expect(result.candidateTypes).to.include('host');
  expect(result.mediaFlow).to.equal(true);
  expect(result.mos).to.be.within(1, 4.5);
});
