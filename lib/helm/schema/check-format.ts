/**
 * The `format` assertions santhosh makes for drafts before 2019-09 (format.go), with its error texts.
 * Only string values are checked. Formats whose texts come from Go's time, net/netip or net/url
 * parsers (date, time, date-time, ipv6, uri…) are not asserted yet: such values pass here.
 */
import { RE2JS } from "re2js";
import { goQuote } from "../../template/token";

/** Go's `%q` of a rune. */
const quoteRune = (ch: string): string => `'${goQuote(ch).slice(1, -1).replace('\\"', '"').replace("'", "\\'")}'`;

function checkUuid(s: string): string | null {
  const sizes = [8, 4, 4, 4, 12];
  const groups = s.split("-");
  if (groups.length !== sizes.length) return `must have ${sizes.length} elements`;
  for (const [i, g] of groups.entries()) {
    if (g.length !== sizes[i]) return `element ${i + 1} must be ${sizes[i]} characters long`;
    for (const ch of g) if (!/[0-9a-fA-F]/.test(ch)) return `non-hex character ${quoteRune(ch)}`;
  }
  return null;
}

function checkDuration(s: string): string | null {
  if (!s.startsWith("P")) return "must start with P";
  s = s.slice(1);
  if (s === "") return "nothing after P";
  if (s.endsWith("W")) {
    const n = s.slice(0, -1);
    if (n === "") return "no number in week";
    return /^[0-9]+$/.test(n) ? null : "invalid week";
  }
  const allUnits = ["YMD", "HMS"];
  for (const [i, part] of s.split("T").entries()) {
    if (i !== 0 && part === "") return "no time elements";
    if (i >= allUnits.length) return "more than one T";
    let units = allUnits[i] as string;
    let rest = part;
    while (rest !== "") {
      const digits = /^[0-9]*/.exec(rest)?.[0].length ?? 0;
      if (digits === 0) return "missing number";
      rest = rest.slice(digits);
      if (rest === "") return "missing unit";
      const unit = rest[0] as string;
      const j = units.indexOf(unit);
      if (j === -1) return (allUnits[i] as string).includes(unit) ? `unit ${quoteRune(unit)} out of order` : `invalid unit ${quoteRune(unit)}`;
      units = units.slice(j + 1);
      rest = rest.slice(1);
    }
  }
  return null;
}

function checkIpv4(s: string): string | null {
  const groups = s.split(".");
  if (groups.length !== 4) return "expected four decimals";
  for (const g of groups) {
    if (g.length > 1 && g[0] === "0") return "leading zeros";
    if (!/^[+-]?[0-9]+$/.test(g)) return `strconv.Atoi: parsing ${goQuote(g)}: invalid syntax`;
    const n = Number(g);
    if (n < 0 || n > 255) return "decimal must be between 0 and 255";
  }
  return null;
}

const utf8Len = (s: string): number => new TextEncoder().encode(s).length;

function checkHostname(s: string): string | null {
  if (s.endsWith(".")) s = s.slice(0, -1);
  if (utf8Len(s) > 253) return "more than 253 characters long";
  for (const label of s.split(".")) {
    const n = utf8Len(label);
    if (n < 1 || n > 63) return "label must be 1 to 63 characters long";
    if (label.startsWith("-")) return "label starts with hyphen";
    if (label.endsWith("-")) return "label ends with hyphen";
    for (const ch of label) if (!/[a-zA-Z0-9-]/.test(ch)) return `invalid character ${quoteRune(ch)}`;
  }
  return null;
}

function checkEmail(s: string): string | null {
  if (utf8Len(s) > 254) return "more than 255 characters long";
  const at = s.lastIndexOf("@");
  if (at === -1) return "missing @";
  const local = s.slice(0, at);
  let domain = s.slice(at + 1);
  if (utf8Len(local) > 64) return "local part more than 64 characters long";
  if (local.length > 1 && local.startsWith('"')) {
    const inner = local.slice(1, -1);
    if (inner.includes("\\") || inner.includes('"')) return "backslash and quote are not allowed within quoted local part";
  } else {
    if (local.startsWith(".")) return "starts with dot";
    if (local.endsWith(".")) return "ends with dot";
    if (local.includes("..")) return "consecutive dots";
    for (const ch of local) if (!/[a-zA-Z0-9.!#$%&'*+\-/=?^_`{|}~]/.test(ch)) return `invalid character ${quoteRune(ch)}`;
  }
  if (domain.startsWith("[") && domain.endsWith("]")) {
    domain = domain.slice(1, -1);
    // An IPv6 literal needs Go's netip parser; only its presence is checked.
    if (domain.startsWith("IPv6:")) return domain.includes(":", 5) ? null : "invalid ipv6 address: missing colon";
    const e = checkIpv4(domain);
    return e === null ? null : `invalid ipv4 address: ${e}`;
  }
  const e = checkHostname(domain);
  return e === null ? null : `invalid domain: ${e}`;
}

function checkRegex(s: string): string | null {
  try {
    RE2JS.compile(s);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

const CHECKS: Record<string, (s: string) => string | null> = {
  uuid: checkUuid,
  duration: checkDuration,
  ipv4: checkIpv4,
  hostname: checkHostname,
  email: checkEmail,
  regex: checkRegex,
};

/** santhosh's error for `value` not being a valid `format`, or null (also for formats not asserted). */
export function checkFormat(format: string, value: string): string | null {
  const check = Object.hasOwn(CHECKS, format) ? CHECKS[format] : undefined;
  return check ? check(value) : null;
}
