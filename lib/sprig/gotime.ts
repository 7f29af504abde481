/**
 * Go's time.Time and time.Duration, as far as templates reach them: layout-based Format and Parse,
 * Duration printing and parsing, and zones. Zones: "UTC", "Local" and "" are UTC (the renderer's
 * Local zone is UTC, as in the reference runs); IANA names resolve through Intl, with the
 * abbreviation Intl gives when it is alphabetic and a numeric "+01"-style one otherwise.
 */
import { FuncError, goFunc, type GoFunc, GoInt, GoObject } from "../template/value";
import { jsonString } from "./json";
import { goQuote } from "../template/token";

export interface Zone {
  /** The name LoadLocation was given ("UTC", "Local", "Europe/Berlin"). */
  readonly name: string;
  /** Offset east of UTC, in seconds, and the abbreviation at the given instant. */
  at(unixSeconds: number): { offset: number; abbr: string };
}

export const UTC: Zone = { name: "UTC", at: () => ({ offset: 0, abbr: "UTC" }) };

export function fixedZone(abbr: string, offset: number): Zone {
  return { name: abbr, at: () => ({ offset, abbr }) };
}

const ABBR_LOCALES = ["en-US", "en-GB", "en-IE", "en-IN", "en-AU", "en-ZA"];

/**
 * tzdata abbreviations (standard, daylight) of common zones whose CLDR names are not abbreviations;
 * "" means tzdata has none, so Go prints the numeric form.
 */
const TZDATA_ABBR: Record<string, [string, string?]> = {
  "Asia/Tokyo": ["JST"],
  "Asia/Seoul": ["KST"],
  "Asia/Shanghai": ["CST"],
  "Asia/Hong_Kong": ["HKT"],
  "Asia/Manila": ["PST"],
  "Asia/Jakarta": ["WIB"],
  "Asia/Karachi": ["PKT"],
  "Asia/Jerusalem": ["IST", "IDT"],
  "Europe/Moscow": ["MSK"],
  "Asia/Dubai": [""],
};

/** time.LoadLocation; undefined for an unknown name. */
export function loadLocation(name: string): Zone | undefined {
  if (name === "" || name === "UTC" || name === "Local") return UTC;
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat("en-US", { timeZone: name, timeZoneName: "shortOffset" });
  } catch {
    return undefined;
  }
  // CLDR gives tz abbreviations only per locale ("CET" in en-GB, "EST" in en-US, "IST" in en-IN…).
  const abbrFmts = ABBR_LOCALES.map((loc) => new Intl.DateTimeFormat(loc, { timeZone: name, timeZoneName: "short" }));
  return {
    name,
    at(sec: number) {
      const part = (f: Intl.DateTimeFormat, at: number): string => f.formatToParts(new Date(at * 1000)).find((p) => p.type === "timeZoneName")?.value ?? "";
      const offsetAt = (at: number): number => {
        const m = /GMT(?:([+-])(\d{1,2})(?::(\d{2}))?)?/.exec(part(fmt, at));
        return m?.[1] ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60) : 0;
      };
      const offset = offsetAt(sec);
      const known = TZDATA_ABBR[name];
      let abbr: string;
      if (known) {
        // A zone is on daylight time when its offset exceeds its January offset.
        const january = Date.UTC(new Date(sec * 1000).getUTCFullYear(), 0, 1) / 1000;
        abbr = (known[1] !== undefined && offset > offsetAt(january) ? known[1] : known[0]) ?? "";
      } else abbr = abbrFmts.map((f) => part(f, sec)).find((s) => /^[A-Z]{3,5}$/.test(s)) ?? "";
      if (abbr) return { offset, abbr };
      const a = Math.abs(offset);
      const minutes = a % 3600 ? String((a % 3600) / 60).padStart(2, "0") : "";
      return { offset, abbr: offset === 0 ? "UTC" : `${offset < 0 ? "-" : "+"}${String(Math.floor(a / 3600)).padStart(2, "0")}${minutes}` };
    },
  };
}

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** Days since 1970-01-01 of a proleptic Gregorian date. */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z0: number): [number, number, number] {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

const processStart = typeof performance !== "undefined" ? performance.now() : 0;

/** A Go time.Time: an instant (Unix seconds + nanoseconds) in a zone. */
export class GoTime extends GoObject {
  readonly goType = "time.Time";
  constructor(
    readonly unix: number,
    readonly nsec: number,
    readonly zone: Zone = UTC,
    /** time.Now() carries a monotonic reading, which `%v` prints as " m=+…". */
    readonly monotonic?: number,
  ) {
    super();
  }

  static now(): GoTime {
    const ms = Date.now();
    const mono = typeof performance !== "undefined" ? (performance.now() - processStart) / 1000 : undefined;
    return new GoTime(Math.floor(ms / 1000), (ms % 1000) * 1e6, UTC, mono);
  }

  /** The zero time.Time: January 1, year 1, 00:00:00 UTC. */
  static zero(): GoTime {
    return new GoTime(daysFromCivil(1, 1, 1) * 86400, 0);
  }

  in(zone: Zone): GoTime {
    return new GoTime(this.unix, this.nsec, zone);
  }

  add(nanos: bigint): GoTime {
    const total = BigInt(this.unix) * 1_000_000_000n + BigInt(this.nsec) + nanos;
    const sec = total / 1_000_000_000n - (total % 1_000_000_000n < 0n ? 1n : 0n);
    return new GoTime(Number(sec), Number(total - sec * 1_000_000_000n), this.zone);
  }

  /** Local calendar fields. */
  fields(): { year: number; month: number; day: number; hour: number; min: number; sec: number; wday: number; yday: number; offset: number; abbr: string } {
    const { offset, abbr } = this.zone.at(this.unix);
    const local = this.unix + offset;
    const days = Math.floor(local / 86400);
    const secs = local - days * 86400;
    const [year, month, day] = civilFromDays(days);
    return {
      year,
      month,
      day,
      hour: Math.floor(secs / 3600),
      min: Math.floor((secs % 3600) / 60),
      sec: secs % 60,
      wday: (((days + 4) % 7) + 7) % 7,
      yday: days - daysFromCivil(year, 1, 1) + 1,
      offset,
      abbr,
    };
  }

  isZero(): boolean {
    return this.unix === daysFromCivil(1, 1, 1) * 86400 && this.nsec === 0;
  }

  override format(): string {
    const s = formatTime(this, "2006-01-02 15:04:05.999999999 -0700 MST");
    if (this.monotonic === undefined) return s;
    return `${s} m=+${this.monotonic.toFixed(9)}`;
  }

  marshalJSON(): string {
    return jsonString(formatTime(this, "2006-01-02T15:04:05.999999999Z07:00"));
  }

  override method(name: string): GoFunc | undefined {
    const f = this.fields();
    const int = (n: number): GoInt => new GoInt(n, "int");
    const table: Record<string, GoFunc> = {
      Format: goFunc(["string"], (layout: string) => formatTime(this, layout)),
      String: goFunc([], () => this.format()),
      Unix: goFunc([], () => new GoInt(this.unix, "int64")),
      UnixMilli: goFunc([], () => new GoInt(BigInt(this.unix) * 1000n + BigInt(Math.floor(this.nsec / 1e6)), "int64")),
      UnixNano: goFunc([], () => new GoInt(BigInt(this.unix) * 1_000_000_000n + BigInt(this.nsec), "int64")),
      Year: goFunc([], () => int(f.year)),
      Day: goFunc([], () => int(f.day)),
      Hour: goFunc([], () => int(f.hour)),
      Minute: goFunc([], () => int(f.min)),
      Second: goFunc([], () => int(f.sec)),
      Nanosecond: goFunc([], () => int(this.nsec)),
      YearDay: goFunc([], () => int(f.yday)),
      UTC: goFunc([], () => this.in(UTC)),
      Local: goFunc([], () => this.in(UTC)),
      IsZero: goFunc([], () => this.isZero()),
    };
    return table[name];
  }
}

/** The layout elements of Go's time package, longest first where one is a prefix of another. */
const TOKENS = [
  "January", "Jan", "Monday", "Mon", "MST",
  "2006", "-07:00:00", "-070000", "-07:00", "-0700", "-07",
  "Z07:00:00", "Z070000", "Z07:00", "Z0700", "Z07",
  "002", "__2", "_2", "01", "02", "03", "04", "05", "06", "15", "PM", "pm", "1", "2", "3", "4", "5",
];

/** Splits a layout into literal text and elements (fractional seconds: ".000", ",999"…). */
function layoutChunks(layout: string): string[] {
  const out: string[] = [];
  let lit = "";
  for (let i = 0; i < layout.length; ) {
    const frac = /^[.,](0+|9+)(?![0-9])/.exec(layout.slice(i));
    if (frac) {
      if (lit) out.push("\u0000" + lit);
      lit = "";
      out.push(frac[0]);
      i += frac[0].length;
      continue;
    }
    const tok = TOKENS.find((t) => layout.startsWith(t, i) && !(t === "Jan" && layout.startsWith("January", i)) && !(t === "Mon" && /^Mon(day)?/.test(layout.slice(i)) && layout.startsWith("Monday", i)));
    const ok = tok !== undefined && !(tok === "Mon" && /^Month/.test(layout.slice(i)));
    if (ok) {
      if (lit) out.push("\u0000" + lit);
      lit = "";
      out.push(tok);
      i += tok.length;
    } else lit += layout[i++];
  }
  if (lit) out.push("\u0000" + lit);
  return out;
}

const pad = (n: number, w: number, c = "0"): string => String(n).padStart(w, c);

function formatOffset(off: number, tok: string): string {
  if (tok.startsWith("Z") && off === 0) return "Z";
  const sign = off < 0 ? "-" : "+";
  const a = Math.abs(off);
  const [h, m, s] = [Math.floor(a / 3600), Math.floor((a % 3600) / 60), a % 60];
  const body = tok.replace(/^Z/, "-");
  switch (body) {
    case "-07":
      return sign + pad(h, 2);
    case "-0700":
      return sign + pad(h, 2) + pad(m, 2);
    case "-07:00":
      return `${sign}${pad(h, 2)}:${pad(m, 2)}`;
    case "-070000":
      return sign + pad(h, 2) + pad(m, 2) + pad(s, 2);
    default:
      return `${sign}${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}`;
  }
}

/** time.Time.Format. */
export function formatTime(t: GoTime, layout: string): string {
  const f = t.fields();
  let out = "";
  for (const c of layoutChunks(layout)) {
    if (c.startsWith("\u0000")) {
      out += c.slice(1);
      continue;
    }
    if (/^[.,][09]+$/.test(c)) {
      const digits = pad(t.nsec, 9).slice(0, c.length - 1);
      if (c[1] === "0") out += c[0] + digits;
      else {
        const trimmed = digits.replace(/0+$/, "");
        if (trimmed) out += c[0] + trimmed;
      }
      continue;
    }
    const h12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
    switch (c) {
      case "January": out += MONTHS[f.month - 1]; break;
      case "Jan": out += MONTHS[f.month - 1]!.slice(0, 3); break;
      case "Monday": out += DAYS[f.wday]; break;
      case "Mon": out += DAYS[f.wday]!.slice(0, 3); break;
      // A zone without a name (a parsed numeric offset) prints as -0700.
      case "MST": out += f.abbr || formatOffset(f.offset, "-0700"); break;
      case "2006": out += f.year < 0 ? "-" + pad(-f.year, 4) : pad(f.year, 4); break;
      case "06": out += pad(((f.year % 100) + 100) % 100, 2); break;
      case "01": out += pad(f.month, 2); break;
      case "1": out += f.month; break;
      case "02": out += pad(f.day, 2); break;
      case "_2": out += pad(f.day, 2, " "); break;
      case "2": out += f.day; break;
      case "002": out += pad(f.yday, 3); break;
      case "__2": out += pad(f.yday, 3, " "); break;
      case "15": out += pad(f.hour, 2); break;
      case "03": out += pad(h12, 2); break;
      case "3": out += h12; break;
      case "04": out += pad(f.min, 2); break;
      case "4": out += f.min; break;
      case "05": out += pad(f.sec, 2); break;
      case "5": out += f.sec; break;
      case "PM": out += f.hour >= 12 ? "PM" : "AM"; break;
      case "pm": out += f.hour >= 12 ? "pm" : "am"; break;
      default: out += formatOffset(f.offset, c);
    }
  }
  return out;
}

/** time.ParseInLocation, for the elements templates use; errors carry Go's text. */
export function parseTime(layout: string, value: string, zone: Zone = UTC): GoTime {
  const fail = (elem: string, rest: string, msg = ""): never => {
    throw new FuncError(`parsing time ${goQuote(value)} as ${goQuote(layout)}: cannot parse ${goQuote(rest)} as ${goQuote(elem)}${msg}`);
  };
  let year = 1;
  let month = 1;
  let day = 1;
  let hour = 0;
  let min = 0;
  let sec = 0;
  let nsec = 0;
  let pm: boolean | undefined;
  let offset: number | undefined;
  let v = value;
  const num = (elem: string, width: number | "any", min0 = 0, max = Infinity): number => {
    const m = (width === "any" ? /^[0-9]+/ : new RegExp(`^[0-9]{${width}}`)).exec(v);
    if (!m) return fail(elem, v);
    const n = Number(m[0]);
    if (n < min0 || n > max) throw new FuncError(`parsing time ${goQuote(value)}: ${elem === "01" || elem === "1" ? "month" : elem.includes("2") ? "day" : elem === "15" || elem.startsWith("03") || elem === "3" ? "hour" : elem.includes("4") ? "minute" : "second"} out of range`);
    v = v.slice(m[0].length);
    return n;
  };
  for (const c of layoutChunks(layout)) {
    if (c.startsWith("\u0000")) {
      const lit = c.slice(1);
      if (!v.startsWith(lit)) fail(lit, v);
      v = v.slice(lit.length);
      continue;
    }
    if (/^[.,][09]+$/.test(c)) {
      const m = /^[.,]([0-9]+)/.exec(v);
      if (m) {
        nsec = Number(m[1]!.slice(0, 9).padEnd(9, "0"));
        v = v.slice(m[0].length);
      } else if (c[1] === "0") fail(c, v);
      continue;
    }
    switch (c) {
      case "2006": year = num(c, 4); break;
      case "06": { const y = num(c, 2); year = y >= 69 ? 1900 + y : 2000 + y; break; }
      case "January": case "Jan": {
        const idx = MONTHS.findIndex((m) => (c === "Jan" ? v.startsWith(m.slice(0, 3)) : v.startsWith(m)));
        if (idx < 0) fail(c, v);
        month = idx + 1;
        v = v.slice(c === "Jan" ? 3 : MONTHS[idx]!.length);
        break;
      }
      case "Monday": case "Mon": {
        const d = DAYS.find((x) => v.startsWith(c === "Mon" ? x.slice(0, 3) : x));
        if (!d) fail(c, v);
        v = v.slice(c === "Mon" ? 3 : d!.length);
        break;
      }
      case "01": month = num(c, 2, 1, 12); break;
      case "1": month = num(c, "any", 1, 12); break;
      case "02": day = num(c, 2, 1, 31); break;
      case "_2": if (v.startsWith(" ")) v = v.slice(1); day = num(c, "any", 1, 31); break;
      case "2": day = num(c, "any", 1, 31); break;
      case "15": hour = num(c, "any", 0, 23); break;
      case "03": hour = num(c, 2, 0, 12); break;
      case "3": hour = num(c, "any", 0, 12); break;
      case "04": min = num(c, 2, 0, 59); break;
      case "4": min = num(c, "any", 0, 59); break;
      case "05": sec = num(c, 2, 0, 59); break;
      case "5": sec = num(c, "any", 0, 59); break;
      case "PM": case "pm": {
        const m = /^(AM|PM|am|pm)/.exec(v);
        if (!m) fail(c, v);
        pm = m![0].toUpperCase() === "PM";
        v = v.slice(2);
        break;
      }
      case "MST": {
        const m = /^(UTC|[A-Z]{3,5})/.exec(v);
        if (!m) fail(c, v);
        v = v.slice(m![0].length);
        break;
      }
      default: {
        if (c.startsWith("Z") && v.startsWith("Z")) {
          offset = 0;
          v = v.slice(1);
          break;
        }
        const m = /^([+-])(\d{2})(?::?(\d{2}))?(?::?(\d{2}))?/.exec(v);
        if (!m) fail(c, v);
        offset = (m![1] === "-" ? -1 : 1) * (Number(m![2]) * 3600 + Number(m![3] ?? 0) * 60 + Number(m![4] ?? 0));
        v = v.slice(m![0].length);
      }
    }
  }
  if (v !== "") throw new FuncError(`parsing time ${goQuote(value)}: extra text: ${goQuote(v)}`);
  if (pm !== undefined) {
    if (pm && hour < 12) hour += 12;
    else if (!pm && hour === 12) hour = 0;
  }
  const local = daysFromCivil(year, month, day) * 86400 + hour * 3600 + min * 60 + sec;
  if (offset !== undefined) return new GoTime(local - offset, nsec, offset === 0 ? UTC : fixedZone("", offset));
  return new GoTime(local - zone.at(local).offset, nsec, zone);
}

const UNITS: Record<string, bigint> = { ns: 1n, us: 1000n, "µs": 1000n, "μs": 1000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n };

/** time.ParseDuration, in nanoseconds. */
export function parseDuration(s: string): bigint {
  const invalid = (): never => {
    throw new FuncError(`time: invalid duration ${goQuote(s)}`);
  };
  let rest = s;
  let neg = false;
  if (rest[0] === "-" || rest[0] === "+") {
    neg = rest[0] === "-";
    rest = rest.slice(1);
  }
  if (rest === "0") return 0n;
  if (rest === "") invalid();
  let total = 0n;
  while (rest !== "") {
    const m = /^([0-9]*)(?:\.([0-9]*))?/.exec(rest)!;
    if (m[0] === "" || m[0] === "." || (m[1] === "" && (m[2] ?? "") === "")) invalid();
    rest = rest.slice(m[0].length);
    const unit = /^[^0-9.]*/.exec(rest)![0];
    if (unit === "") throw new FuncError(`time: missing unit in duration ${goQuote(s)}`);
    const scale = UNITS[unit];
    if (scale === undefined) throw new FuncError(`time: unknown unit ${goQuote(unit)} in duration ${goQuote(s)}`);
    rest = rest.slice(unit.length);
    const frac = m[2] ?? "";
    total += BigInt(m[1] || "0") * scale + (frac ? (BigInt(frac) * scale) / 10n ** BigInt(frac.length) : 0n);
    if (total > (1n << 63n) - 1n) invalid();
  }
  return neg ? -total : total;
}

/** time.Duration.String: "1h2m3.5s", "1.5ms", "0s". */
export function formatDuration(d: bigint): string {
  if (d === 0n) return "0s";
  const neg = d < 0n;
  let u = neg ? -d : d;
  const frac = (v: bigint, prec: number): [string, bigint] => {
    let digits = "";
    let print = false;
    for (let i = 0; i < prec; i++) {
      const digit = v % 10n;
      print ||= digit !== 0n;
      if (print) digits = digit.toString() + digits;
      v /= 10n;
    }
    return [print ? "." + digits : "", v];
  };
  let out: string;
  if (u < 1_000_000_000n) {
    if (u < 1000n) out = `${u}ns`;
    else {
      const [f, whole] = frac(u, u < 1_000_000n ? 3 : 6);
      out = `${whole}${f}${u < 1_000_000n ? "µs" : "ms"}`;
    }
  } else {
    const [f, secs] = frac(u, 9);
    u = secs;
    out = `${u % 60n}${f}s`;
    u /= 60n;
    if (u > 0n) {
      out = `${u % 60n}m` + out;
      u /= 60n;
      if (u > 0n) out = `${u}h` + out;
    }
  }
  return (neg ? "-" : "") + out;
}

/** Duration.Round(time.Second): halves away from zero. */
export function roundToSecond(d: bigint): bigint {
  const m = 1_000_000_000n;
  const r = d % m;
  if (d < 0n) return -roundToSecond(-d);
  return r + r < m ? d - r : d + (m - r);
}

