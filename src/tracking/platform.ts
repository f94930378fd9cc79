/**
 * Platforms behind report sensor ids. A satellite may carry several payloads, each reporting
 * under `PLATFORM/PAYLOAD`; an id without a `/` is its own platform. Payloads of one platform
 * share a position, so their lines of sight never triangulate each other and never count as two
 * viewpoints: wherever the tracker needs "another sensor" it compares platforms.
 */

/** The platform part of a sensor id (everything before the first `/`). */
export function platformOf(sensorId: string): string {
  const slash = sensorId.indexOf('/');
  return slash < 0 ? sensorId : sensorId.slice(0, slash);
}

/**
 * Small integer per platform, looked up once per report so that the hot loops compare numbers,
 * not text. Grows with the number of distinct sensor ids seen (the size of the layer).
 */
export class PlatformIndex {
  private readonly bySensor = new Map<string, number>();
  private readonly byPlatform = new Map<string, number>();

  indexOf(sensorId: string): number {
    let k = this.bySensor.get(sensorId);
    if (k === undefined) {
      const name = platformOf(sensorId);
      k = this.byPlatform.get(name);
      if (k === undefined) {
        k = this.byPlatform.size;
        this.byPlatform.set(name, k);
      }
      this.bySensor.set(sensorId, k);
    }
    return k;
  }
}
