/**
 * Small numeric helpers for the staffing formulas: log-space sums and integrals of log-concave
 * functions. Everything stays finite where the naive formulas overflow (factorials, huge powers).
 *
 * @internal
 */

// 10-point Gauss-Legendre nodes and weights on [-1, 1].
const GL_NODES = [
  0.1488743389816312, 0.4333953941292472, 0.6794095682990244, 0.8650633666889845,
  0.9739065285171717,
] as const;
const GL_WEIGHTS = [
  0.2955242247147529, 0.2692667193099963, 0.2190863625159821, 0.1494513491505806,
  0.0666713443086881,
] as const;

/** Integral of `f` over [a, b] by composite 10-point Gauss-Legendre with `panels` panels. */
function gaussLegendre(f: (s: number) => number, a: number, b: number, panels: number): number {
  if (!(b > a)) return 0;
  const h = (b - a) / panels;
  let total = 0;
  for (let p = 0; p < panels; p++) {
    const mid = a + (p + 0.5) * h;
    const half = h / 2;
    let sum = 0;
    for (let i = 0; i < GL_NODES.length; i++) {
      const dx = half * (GL_NODES[i] as number);
      sum += (GL_WEIGHTS[i] as number) * (f(mid - dx) + f(mid + dx));
    }
    total += sum * half;
  }
  return total;
}

/** How far below its peak (in natural-log units) an integrand is treated as zero. */
const CUTOFF = 60;

/**
 * `log ∫_a^b exp(L(s)) ds` for a concave `L` whose maximiser on [a, b] is `mode`. `b` may be
 * `Infinity` when `L` tends to `-Infinity`. The integration range is cut where `L` falls
 * {@link CUTOFF} below its peak, then integrated piecewise with Gauss-Legendre on the scaled
 * integrand, so the result is accurate even when the integral itself is far outside the range of a
 * double.
 *
 * @internal
 */
export function logIntegrateConcave(
  L: (s: number) => number,
  a: number,
  b: number,
  mode: number,
): number {
  if (!(b > a)) return -Infinity;
  const m = Math.min(Math.max(mode, a), b);
  const peak = L(m);
  if (!Number.isFinite(peak)) return -Infinity;
  const floor = peak - CUTOFF;
  const f = (s: number): number => Math.exp(L(s) - peak);

  // Left cut: L is increasing on [a, m].
  let left = a;
  if (m > a && L(a) < floor) {
    let lo = a;
    let hi = m;
    for (let i = 0; i < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(hi)); i++) {
      const mid = (lo + hi) / 2;
      if (L(mid) < floor) lo = mid;
      else hi = mid;
    }
    left = lo;
  }
  // Right cut: L is decreasing on [m, b].
  let right = b;
  if (b === Infinity || L(b) < floor) {
    let hi: number;
    if (b === Infinity) {
      let step = 1e-9 * Math.max(1, Math.abs(m));
      hi = m + step;
      while (L(hi) >= floor) {
        step *= 2;
        hi = m + step;
      }
    } else {
      hi = b;
    }
    let lo = m;
    for (let i = 0; i < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(hi)); i++) {
      const mid = (lo + hi) / 2;
      if (L(mid) < floor) hi = mid;
      else lo = mid;
    }
    right = hi;
  }
  const total = gaussLegendre(f, left, m, 48) + gaussLegendre(f, m, right, 48);
  return peak + Math.log(total);
}
