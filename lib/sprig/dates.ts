/**
 * Sprig's date functions (date.go) over GoTime. Sprig switches on the Go type of the date
 * argument: time.Time, int, int64 and int32 are instants; anything else (a float64 from values,
 * a string) means "now".
 */
import { FuncError, goFunc, GoInt, type Value } from "../template/value";
import { formatDuration, formatTime, GoTime, loadLocation, parseDuration, parseTime, roundToSecond, UTC } from "./gotime";
import { parseGoInt } from "./conversion";

/** The instant a date argument denotes, per Sprig's type switch (`kinds` = the int kinds accepted). */
function instant(v: Value, kinds: readonly string[]): GoTime {
  if (v instanceof GoTime) return v;
  if (v instanceof GoInt && kinds.includes(v.kind)) return new GoTime(Number(v.value), 0);
  return GoTime.now();
}

function dateInZone(layout: string, date: Value, zone: string): string {
  const t = instant(date, ["int64", "int", "int32"]);
  return formatTime(t.in(loadLocation(zone) ?? UTC), layout);
}

/** time.Time parameters: the executor passes any object; anything but a time is Go's type error. */
function asTime(v: Value): GoTime {
  if (v instanceof GoTime) return v;
  throw new FuncError(`wrong type for value; expected time.Time; got ${v === null ? "<nil>" : typeof v}`);
}

function dateModify(fmt: string, date: Value): GoTime {
  const t = asTime(date);
  try {
    return t.add(parseDuration(fmt));
  } catch (e) {
    if (e instanceof FuncError) return t;
    throw e;
  }
}

function mustDateModify(fmt: string, date: Value): GoTime {
  return asTime(date).add(parseDuration(fmt));
}

const NS = 1_000_000_000n;

function duration(sec: Value): string {
  let n = 0n;
  if (typeof sec === "string") n = parseGoInt(sec, 10) ?? 0n;
  else if (sec instanceof GoInt && sec.kind === "int64") n = sec.value;
  return formatDuration(BigInt.asIntN(64, n * NS));
}

function durationRound(v: Value): string {
  let d = 0n;
  if (typeof v === "string") {
    try {
      d = parseDuration(v);
    } catch (e) {
      if (!(e instanceof FuncError)) throw e;
    }
  } else if (v instanceof GoInt && v.kind === "int64") d = v.value;
  else if (v instanceof GoTime) d = sinceNanos(v);
  const u = d < 0n ? -d : d;
  const units: [bigint, string][] = [
    [NS * 3600n * 24n * 365n, "y"],
    [NS * 3600n * 24n * 30n, "mo"],
    [NS * 3600n * 24n, "d"],
    [NS * 3600n, "h"],
    [NS * 60n, "m"],
    [NS, "s"],
  ];
  for (const [size, suffix] of units) if (u > size) return `${u / size}${suffix}`;
  return "0s";
}

function sinceNanos(t: GoTime): bigint {
  const now = GoTime.now();
  return (BigInt(now.unix) - BigInt(t.unix)) * NS + BigInt(now.nsec - t.nsec);
}

function ago(date: Value): string {
  return formatDuration(roundToSecond(sinceNanos(instant(date, ["int64", "int"]))));
}

function toDate(layout: string, value: string): GoTime {
  try {
    return parseTime(layout, value);
  } catch (e) {
    if (e instanceof FuncError) return GoTime.zero();
    throw e;
  }
}

export const dateFuncs = {
  ago: goFunc(["any"], ago),
  date: goFunc(["string", "any"], (fmt: string, d: Value) => dateInZone(fmt, d, "Local")),
  date_in_zone: goFunc(["string", "any", "string"], dateInZone),
  dateInZone: goFunc(["string", "any", "string"], dateInZone),
  date_modify: goFunc(["string", "object"], dateModify),
  dateModify: goFunc(["string", "object"], dateModify),
  must_date_modify: goFunc(["string", "object"], mustDateModify),
  mustDateModify: goFunc(["string", "object"], mustDateModify),
  duration: goFunc(["any"], duration),
  durationRound: goFunc(["any"], durationRound),
  htmlDate: goFunc(["any"], (d: Value) => dateInZone("2006-01-02", d, "Local")),
  htmlDateInZone: goFunc(["any", "string"], (d: Value, z: string) => dateInZone("2006-01-02", d, z)),
  mustToDate: goFunc(["string", "string"], (l: string, v: string) => parseTime(l, v)),
  now: goFunc([], () => GoTime.now()),
  toDate: goFunc(["string", "string"], toDate),
  unixEpoch: goFunc(["object"], (d: Value) => String(asTime(d).unix)),
};
