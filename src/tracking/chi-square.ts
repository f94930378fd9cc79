/**
 * Chi-square quantiles for gates and consistency bounds: exact for 2 degrees of freedom,
 * Wilson-Hilferty otherwise (within 1 % of the quantile for k >= 3 at the probabilities gates
 * use), with the normal quantile of src/math/normal.ts.
 */
import { InputError } from '../math/errors.ts';
import { normalQuantile } from '../math/normal.ts';

/** The value a chi-square variable with `dof` degrees of freedom stays below with probability p. */
export function chiSquareQuantile(p: number, dof: number): number {
  if (!(p > 0 && p < 1)) throw new InputError('probability', p, 'must be strictly between 0 and 1');
  if (!(dof > 0)) throw new InputError('degrees of freedom', dof, 'must be positive');
  if (dof === 2) return -2 * Math.log(1 - p);
  const z = normalQuantile(p);
  const h = 2 / (9 * dof);
  return dof * Math.max(0, 1 - h + z * Math.sqrt(h)) ** 3;
}
