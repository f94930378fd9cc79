/**
 * Tasking of cued sensors: which targets a sensor with a look budget (`looksPerFrame`) looks at
 * in each frame. A staring sensor looks at everything it can see and needs none of this.
 *
 * Each nation tasks its own cued sensors together, the way a national tasking cell would, so a
 * nation's figures alone are the figures it would get without its allies' tasking. Time is cut
 * into slots of `dwellFrames` frames; in each slot a sensor stays on the targets it was given.
 * The slot's plan is a greedy choice among two kinds of look, most overdue first:
 * - a stereo look: two sensors on different satellites on one target, whose lines of sight
 *   cross (what starts a track and keeps it at fire-control quality), due by the slots since
 *   the target's last stereo look;
 * - a single look: one sensor on one target (what keeps a track alive), due by the slots since
 *   the target's last look of any kind.
 * Ties go to stereo, then to the target listed first. A target no two satellites see never
 * blocks the sensor that alone sees it: its single look grows overdue and wins in turn.
 */
import type { Instant } from '../../time/instant.ts';
import type { SimSensor } from './sensors.ts';
import type { SimTarget } from './targets.ts';

/** A target never looked at is more overdue than any that was. */
const NEVER = -1e12;
/** Plans kept per group, for sensors whose frames stray into the next slot. */
const PLANS_KEPT = 4;

interface Group {
  readonly members: number[];
  readonly slotLength: number;
  readonly dwellFrames: number;
  readonly lastLook: Float64Array;
  readonly lastStereo: Float64Array;
  readonly plans: Map<number, Map<number, SimTarget[]>>;
  newest: number;
}

export class CuedTasking {
  private readonly groupOf: (Group | null)[];
  private readonly position = new Float64Array(3);

  /** `platform[i]`: a number per satellite carrying sensor i, so that a stereo pair is two satellites. */
  constructor(
    private readonly sensors: readonly SimSensor[],
    private readonly targets: readonly SimTarget[],
    private readonly start: Instant,
    private readonly platform: readonly number[],
  ) {
    const groups = new Map<string, Group>();
    this.groupOf = sensors.map((s, i) => {
      if (s.looksPerFrame === undefined) return null;
      const dwellFrames = s.dwellFrames ?? 1;
      const key = `${s.owner}|${s.frameTime}|${dwellFrames}`;
      let g = groups.get(key);
      if (!g) {
        g = {
          members: [],
          slotLength: s.frameTime * dwellFrames,
          dwellFrames,
          lastLook: new Float64Array(targets.length).fill(NEVER),
          lastStereo: new Float64Array(targets.length).fill(NEVER),
          plans: new Map(),
          newest: Number.NEGATIVE_INFINITY,
        };
        groups.set(key, g);
      }
      g.members.push(i);
      return g;
    });
  }

  /** The targets sensor `i` looks at in its frame `k`: all of them for a staring sensor (geometry decides later). */
  looksOf(i: number, k: number): readonly SimTarget[] {
    const g = this.groupOf[i];
    if (!g) return this.targets;
    const slot = Math.floor(k / g.dwellFrames);
    let plan = g.plans.get(slot);
    if (!plan) {
      // A slot older than the newest planned is planned afresh without touching the record.
      plan = this.plan(g, slot, slot > g.newest);
      g.plans.set(slot, plan);
      if (slot > g.newest) g.newest = slot;
      for (const old of g.plans.keys()) if (old <= g.newest - PLANS_KEPT) g.plans.delete(old);
    }
    return plan.get(i) ?? [];
  }

  private plan(g: Group, slot: number, record: boolean): Map<number, SimTarget[]> {
    const t = (this.start + (slot + 0.5) * g.slotLength) as Instant;
    const nT = this.targets.length;
    const members = g.members;
    // sees[m * nT + j]: member m can see target j at the middle of the slot.
    const sees = new Uint8Array(members.length * nT);
    const states = this.targets.map((target) => target.stateAt(t));
    members.forEach((i, m) => {
      const sensor = this.sensors[i];
      if (!sensor.positionAt(t, this.position)) return;
      for (let j = 0; j < nT; j++) {
        const s = states[j];
        if (s && sensor.canSee(this.position, s.r, t)) sees[m * nT + j] = 1;
      }
    });
    const capacity = members.map((i) => this.sensors[i].looksPerFrame ?? 0);
    const given = members.map(() => [] as number[]);
    const looked = new Uint8Array(nT);
    const paired = new Uint8Array(nT);
    const free = (m: number, j: number) => capacity[m] > 0 && sees[m * nT + j] === 1 && !given[m].includes(j);
    // Targets each member could still take: the sensors least in demand are chosen first, so
    // that busy ones stay free for the targets only they see.
    const demand = new Int32Array(members.length);
    const candidates = (j: number) => {
      const out: number[] = [];
      for (let m = 0; m < members.length; m++) if (free(m, j)) out.push(m);
      return out.sort((a, b) => demand[a] - demand[b] || a - b);
    };
    const assign = (m: number, j: number) => {
      given[m].push(j);
      capacity[m]--;
    };
    for (;;) {
      for (let m = 0; m < members.length; m++) {
        let n = 0;
        for (let j = 0; j < nT; j++) if (free(m, j)) n++;
        demand[m] = n;
      }
      let best = -1;
      let bestStereo = false;
      let bestDue = Number.NEGATIVE_INFINITY;
      let bestPair: [number, number] | null = null;
      for (let j = 0; j < nT; j++) {
        const cands = candidates(j);
        if (cands.length === 0) continue;
        if (!paired[j]) {
          const first = cands[0];
          const second = cands.find((m) => this.platform[members[m]] !== this.platform[members[first]]);
          const due = slot - g.lastStereo[j];
          if (second !== undefined && (due > bestDue || (due === bestDue && !bestStereo))) {
            best = j;
            bestStereo = true;
            bestDue = due;
            bestPair = [first, second];
          }
        }
        // A target already looked at in this slot is due nothing more; leftover looks still go to it.
        const due = looked[j] ? 0 : slot - g.lastLook[j];
        if (due > bestDue) {
          best = j;
          bestStereo = false;
          bestDue = due;
          bestPair = [cands[0], -1];
        }
      }
      if (best < 0 || !bestPair) break;
      assign(bestPair[0], best);
      if (bestStereo) {
        assign(bestPair[1], best);
        paired[best] = 1;
      }
      looked[best] = 1;
    }
    if (record) {
      for (let j = 0; j < nT; j++) {
        if (looked[j]) g.lastLook[j] = slot;
        if (paired[j]) g.lastStereo[j] = slot;
      }
    }
    const plan = new Map<number, SimTarget[]>();
    members.forEach((i, m) => plan.set(i, given[m].map((j) => this.targets[j])));
    return plan;
  }
}
