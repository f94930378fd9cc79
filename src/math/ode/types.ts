/** Right-hand side of y' = f(t, y), written into `dydt` (no allocation per call). */
export type Derivative = (t: number, y: Float64Array, dydt: Float64Array) => void;

/**
 * A scalar function of the state whose sign change ends or marks a step (burnout, apogee,
 * an altitude crossing, impact). `direction` +1 catches only rising crossings, -1 only
 * falling ones, 0 both.
 */
export interface OdeEvent {
  g: (t: number, y: Float64Array) => number;
  direction?: -1 | 0 | 1;
  /** Stop the integration at the root (default true). */
  terminal?: boolean;
}

export interface IntegrateResult {
  /** Where the integration stopped: tEnd or the root of a terminal event. */
  t: number;
  y: Float64Array;
  /** Index of the terminal event that stopped it, or -1 when tEnd was reached. */
  eventIndex: number;
  /** Roots of non-terminal events met on the way, in time order. */
  marks: { index: number; t: number }[];
  steps: number;
  rejectedSteps: number;
  evaluations: number;
}
