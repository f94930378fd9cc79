#!/usr/bin/python3
"""Builds test/bodies/sun-reference.json: the apparent geocentric direction and distance of the Sun
in TEME (and in the mean equator and equinox of date) at 300 instants spread over 1950-2050, as an independent reference for src/bodies/sun.ts.

No JPL ephemeris (de421.bsp) is available offline, so the Sun comes from ERFA's epv00 (the
VSOP2000-based analytic Earth ephemeris of the IAU SOFA library, heliocentric Earth within a few km
over 1900-2100): geocentric Sun = -(heliocentric Earth), then stellar aberration with erfa.ab for the
Earth's barycentric velocity (light-time for the Sun moves it under 0.01 arcsec and is left out).
The GCRS -> TEME rotation is Skyfield's own TEME frame (IAU 2006 precession, IAU 2000A nutation,
GMST1982, with Skyfield's built-in UT1 table). The script also records how far TEME is from the
mean equator and equinox of date along the Sun's direction.

Run with Debian's python3-skyfield and python3-erfa: /usr/bin/python3 scripts/build-reference/sun-skyfield.py
"""
import json
import math
import os
import random

import erfa
import numpy as np
import skyfield
from skyfield.api import load
from skyfield.framelib import ICRS_to_J2000 as ICRS_TO_J2000
from skyfield.sgp4lib import TEME

SECONDS_PER_DAY = 86400.0
here = os.path.dirname(os.path.abspath(__file__))
target = os.path.join(here, '..', '..', 'test', 'bodies', 'sun-reference.json')

ts = load.timescale(builtin=True)
rng = random.Random(20240301)
# TT seconds since J2000.0 between 1950-01-01 and 2050-01-01 (approximately), seeded.
start = (2433282.5 - 2451545.0) * SECONDS_PER_DAY
end = (2469807.5 - 2451545.0) * SECONDS_PER_DAY
instants = sorted(rng.uniform(start, end) for _ in range(300))

rows = []
worst_mod = 0.0
for tt_seconds in instants:
    jd_tt = 2451545.0 + tt_seconds / SECONDS_PER_DAY
    t = ts.tt_jd(jd_tt)
    pvh, pvb = erfa.epv00(2451545.0, tt_seconds / SECONDS_PER_DAY)
    sun_gcrs = -np.array(pvh[0])  # au, geometric, ICRS axes
    distance = float(np.linalg.norm(sun_gcrs))
    v = np.array(pvb[1]) / (erfa.DC)  # au/day -> units of c
    bm1 = math.sqrt(1.0 - float(np.dot(v, v)))
    apparent = erfa.ab(sun_gcrs / distance, v, distance, bm1)
    teme = TEME.rotation_at(t) @ apparent
    mean_of_date = t.precession_matrix() @ ICRS_TO_J2000 @ apparent
    # Angle between the TEME and mean-of-date components of the same direction.
    worst_mod = max(worst_mod, math.degrees(math.acos(min(1.0, float(np.dot(teme, mean_of_date) / np.linalg.norm(teme) / np.linalg.norm(mean_of_date))))))
    rows.append({
        'ttSecondsSinceJ2000': round(tt_seconds, 3),
        'directionTeme': [round(float(c), 12) for c in teme / np.linalg.norm(teme)],
        'directionMeanOfDate': [round(float(c), 12) for c in mean_of_date / np.linalg.norm(mean_of_date)],
        'distanceAu': round(distance, 9),
    })

document = {
    'provenance': {
        'what': 'Apparent geocentric direction of the Sun (unit vectors in TEME and in the mean equator and equinox of date) and its geometric distance',
        'method': 'ERFA epv00 heliocentric Earth (negated), ERFA ab aberration, Skyfield TEME.rotation_at (IAU 2006/2000A + GMST1982)',
        'generator': 'scripts/build-reference/sun-skyfield.py',
        'software': f'skyfield {skyfield.__version__}, pyerfa {erfa.__version__}, numpy {np.__version__} (Debian packages)',
        'instants': '300 TT instants drawn uniformly over 1950-2050 with seed 20240301',
        'largestTemeMinusMeanOfDateDeg': round(worst_mod, 6),
    },
    'rows': rows,
}
with open(target, 'w') as f:
    json.dump(document, f, indent=1)
    f.write('\n')
print(f'wrote {len(rows)} rows to {os.path.normpath(target)}; TEME vs mean of date up to {worst_mod:.6f} deg')
