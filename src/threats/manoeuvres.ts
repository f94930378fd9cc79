import { InputError } from '../math/errors.ts';

/**
 * Planned manoeuvres of a glider, as offsets added to the heading the guidance steers for
 * (positive to the left, counter-clockwise seen from above). Times are seconds since launch.
 *  - 's-turns': a sinusoidal heading offset of `amplitude` rad and `period` s between `start` and `end`;
 *  - 'heading-change': from `at` the vehicle holds a heading offset `delta` rad for `duration` s,
 *    then homes on the aim again.
 */
export type Manoeuvre =
  | { kind: 's-turns'; start: number; end: number; amplitude: number; period: number }
  | { kind: 'heading-change'; at: number; delta: number; duration: number };

export function validateManoeuvres(list: readonly Manoeuvre[], field = 'manoeuvres'): void {
  list.forEach((m, i) => {
    const f = `${field}[${i}]`;
    const finite = (name: string, v: number) => {
      if (!Number.isFinite(v)) throw new InputError(`${f}.${name}`, v, 'must be a finite number');
    };
    if (m.kind === 's-turns') {
      finite('start', m.start);
      finite('end', m.end);
      finite('amplitude', m.amplitude);
      if (!(m.end > m.start)) throw new InputError(`${f}.end`, m.end, `must be after start (${m.start} s)`);
      if (!(m.period > 0)) throw new InputError(`${f}.period`, m.period, 'must be a positive number of seconds');
      if (Math.abs(m.amplitude) > Math.PI / 2) throw new InputError(`${f}.amplitude`, m.amplitude, 'must be at most pi/2 rad');
    } else if (m.kind === 'heading-change') {
      finite('at', m.at);
      finite('delta', m.delta);
      if (!(m.duration > 0)) throw new InputError(`${f}.duration`, m.duration, 'must be a positive number of seconds');
      if (Math.abs(m.delta) > Math.PI / 2) throw new InputError(`${f}.delta`, m.delta, 'must be at most pi/2 rad');
    } else {
      throw new InputError(`${f}.kind`, (m as { kind: unknown }).kind, "must be 's-turns' or 'heading-change'");
    }
  });
}

/** Heading offset (rad) at time t since launch. */
export function headingOffset(list: readonly Manoeuvre[], t: number): number {
  let offset = 0;
  for (const m of list) {
    if (m.kind === 's-turns') {
      if (t > m.start && t < m.end) offset += m.amplitude * Math.sin((2 * Math.PI * (t - m.start)) / m.period);
    } else if (t >= m.at && t < m.at + m.duration) {
      offset += m.delta;
    }
  }
  return offset;
}

/** Times at which a manoeuvre starts or stops: the integration restarts there. */
export function manoeuvreBreakpoints(list: readonly Manoeuvre[]): number[] {
  const times: number[] = [];
  for (const m of list) {
    if (m.kind === 's-turns') times.push(m.start, m.end);
    else times.push(m.at, m.at + m.duration);
  }
  return times.sort((a, b) => a - b);
}
