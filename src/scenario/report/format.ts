/**
 * Number and time formatting for the report. Written out by hand rather than with
 * toLocaleString so that the same input gives the same bytes in every runtime and locale.
 */

/** Shown where a figure is missing (null) or not a finite number. */
export const MISSING = '–';

/** Fixed decimals with trailing zeros trimmed ("12.50" -> "12.5"); thousands grouped with a thin space. */
export function formatNumber(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return MISSING;
  let text = x.toFixed(digits);
  if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  if (text === '-0') text = '0';
  return groupThousands(text);
}

/** Rounded to an integer. */
export function formatInteger(x: number | null | undefined): string {
  return formatNumber(x === null || x === undefined ? x : Math.round(x), 0);
}

/** Three significant figures at most, for plot ticks and tooltips (1234 -> "1234", 0.01234 -> "0.0123"). */
export function formatSignificant(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return MISSING;
  if (x === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(x)));
  return formatNumber(x, Math.max(0, Math.min(12, 2 - magnitude)));
}

function groupThousands(text: string): string {
  const m = /^(-?)(\d+)(.*)$/.exec(text);
  if (!m || m[2].length <= 4) return text;
  return `${m[1]}${m[2].replace(/\B(?=(\d{3})+$)/g, '\u2009')}${m[3]}`;
}

/** A distance in metres with a unit a person reads easily: "850 m", "12.3 km". */
export function formatDistance(metres: number | null | undefined): string {
  if (metres === null || metres === undefined || !Number.isFinite(metres)) return MISSING;
  if (Math.abs(metres) >= 1000) return `${formatSignificant(metres / 1000)} km`;
  if (Math.abs(metres) >= 1 || metres === 0) return `${formatSignificant(metres)} m`;
  return `${formatSignificant(metres * 100)} cm`;
}

/** A duration in seconds as "45 s", "12 min 30 s", "2 h 05 min". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return MISSING;
  const sign = seconds < 0 ? '-' : '';
  const s = Math.abs(seconds);
  if (s < 60) return `${sign}${formatNumber(s, s < 10 ? 2 : 1)} s`;
  const whole = Math.round(s);
  const h = Math.floor(whole / 3600);
  const min = Math.floor((whole % 3600) / 60);
  const sec = whole % 60;
  if (h > 0) return `${sign}${h} h ${String(min).padStart(2, '0')} min`;
  return sec === 0 ? `${sign}${min} min` : `${sign}${min} min ${String(sec).padStart(2, '0')} s`;
}
