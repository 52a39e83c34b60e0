import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toneAmplitude } from './goertzel.js';

const sine = (frequency: number, amplitude: number, n = 8000, rate = 8000) =>
  Float64Array.from(
    { length: n },
    (_, i) => amplitude * Math.sin((2 * Math.PI * frequency * i) / rate),
  );

test('Goertzel measures a tone’s amplitude and ignores the others', () => {
  const mix = sine(440, 8000).map((v, i) => v + (sine(660, 3000)[i] ?? 0));
  assert.ok(Math.abs(toneAmplitude(mix, 440, 8000) - 8000) < 80);
  assert.ok(Math.abs(toneAmplitude(mix, 660, 8000) - 3000) < 80);
  assert.ok(toneAmplitude(mix, 1000, 8000) < 20);
  assert.equal(toneAmplitude([], 440, 8000), 0);
});
