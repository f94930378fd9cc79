/**
 * Small vector helpers for the tracker's hot loops. Math.hypot is not inlined by V8's optimiser:
 * every call boxes its arguments and result as heap numbers, which in the per-report paths was
 * the largest single source of young-generation garbage. This plain form inlines and allocates
 * nothing; the tracker's magnitudes (up to ~1e8 m) are far from overflow.
 */
export function length3(x: number, y: number, z: number): number {
  return Math.sqrt(x * x + y * y + z * z);
}
