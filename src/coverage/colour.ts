/**
 * A perceptually ordered colour scale (dark blue through green to yellow, after the shape of
 * matplotlib's viridis, sampled at a few stops and interpolated) for coverage maps.
 */
const STOPS: ReadonlyArray<readonly [number, number, number]> = [
  [68, 1, 84],
  [65, 68, 135],
  [42, 120, 142],
  [34, 168, 132],
  [122, 209, 81],
  [253, 231, 37],
];

/** RGB (0-255) of a value scaled to [0, 1]; NaN gives grey. */
export function colourAt(u: number, out: Uint8ClampedArray | number[] = [0, 0, 0]): Uint8ClampedArray | number[] {
  if (Number.isNaN(u)) {
    out[0] = 160;
    out[1] = 160;
    out[2] = 160;
    return out;
  }
  const x = Math.min(1, Math.max(0, u)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const a = STOPS[i];
  const b = STOPS[i + 1];
  out[0] = Math.round(a[0] + f * (b[0] - a[0]));
  out[1] = Math.round(a[1] + f * (b[1] - a[1]));
  out[2] = Math.round(a[2] + f * (b[2] - a[2]));
  return out;
}

export function colourHex(u: number): string {
  const c = colourAt(u);
  return `#${[c[0], c[1], c[2]].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}
