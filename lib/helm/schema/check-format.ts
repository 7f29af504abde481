/**
 * The `format` assertions santhosh makes for drafts before 2019-09 (format.go), with its error texts.
 * Only string values are checked. Not asserted yet (such values pass here): ipv6, uri-template,
 * json-pointer, relative-json-pointer, period, semver; `uri` and `uri-reference` reproduce Go's
 * url.Parse errors (scheme, first path segment, control characters, % escapes, userinfo, host and
 * port) but not the check of a bracketed IPv6 address itself.
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

/** Go's time.Parse("2006-01-02", s) error text, for `date`. */
function checkDate(value: string): string | null {
  const layout = "2006-01-02";
  const q = (x: string): string => goQuote(x);
  const cannot = (rest: string, elem: string): string =>
    `parsing time ${q(value)} as ${q(layout)}: cannot parse ${q(rest)} as ${q(elem)}`;
  const digit = (x: string, i: number): boolean => /[0-9]/.test(x[i] ?? "");
  let rest = value;
  if (rest.length < 4 || !digit(rest, 0) || !/^[0-9]{4}/.test(rest)) return cannot(rest, "2006");
  const year = Number(rest.slice(0, 4));
  rest = rest.slice(4);
  const num2 = (elem: string): number | string => {
    if (!digit(rest, 0) || !digit(rest, 1)) return cannot(rest, elem);
    const n = Number(rest.slice(0, 2));
    rest = rest.slice(2);
    return n;
  };
  if (!rest.startsWith("-")) return cannot(rest, "-");
  rest = rest.slice(1);
  const month = num2("01");
  if (typeof month === "string") return month;
  if (month <= 0 || month > 12) return `parsing time ${q(value)}: month out of range`;
  if (!rest.startsWith("-")) return cannot(rest, "-");
  rest = rest.slice(1);
  const day = num2("02");
  if (typeof day === "string") return day;
  if (rest.length > 0) return `parsing time ${q(value)}: extra text: ${q(rest)}`;
  const daysIn = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysIn) return `parsing time ${q(value)}: day out of range`;
  return null;
}

/** RFC 3339 full-time, as santhosh checks it (`time`). */
function checkTime(str: string): string | null {
  if (str.length < 9) return "less than 9 characters long";
  if (str[2] !== ":" || str[5] !== ":") return "missing colon in correct place";
  const hms: number[] = [];
  for (const tok of str.slice(0, 8).split(":")) {
    if (!/^[+-]?[0-9]+$/.test(tok)) return "invalid hour/min/sec";
    const i = Number(tok);
    if (i < 0) return "non-positive hour/min/sec";
    hms.push(i);
  }
  if (hms.length !== 3) return "missing hour/min/sec";
  let [h = 0, m = 0] = hms;
  const sec = hms[2] ?? 0;
  if (h > 23 || m > 59 || sec > 60) return "hour/min/sec out of range";
  str = str.slice(8);
  if (str.startsWith(".")) {
    const digits = /^[0-9]*/.exec(str.slice(1))?.[0].length ?? 0;
    if (digits === 0) return "no digits in second fraction";
    str = str.slice(1 + digits);
  }
  if (str !== "z" && str !== "Z") {
    if (str.length !== 6) return "offset must be 6 characters long";
    const sign = str[0] === "+" ? -1 : str[0] === "-" ? 1 : 0;
    if (sign === 0) return "offset must begin with plus/minus";
    str = str.slice(1);
    if (str[2] !== ":") return "missing colon in offset in correct place";
    const zhm: number[] = [];
    for (const tok of str.split(":")) {
      if (!/^[+-]?[0-9]+$/.test(tok)) return "invalid hour/min in offset";
      const i = Number(tok);
      if (i < 0) return "non-positive hour/min in offset";
      zhm.push(i);
    }
    const [zh = 0, zm = 0] = zhm;
    if (zh > 23 || zm > 59) return "hour/min in offset out of range";
    let hm = h * 60 + m + sign * (zh * 60 + zm);
    if (hm < 0) hm += 24 * 60;
    h = Math.floor(hm / 60);
    m = hm % 60;
  }
  if (sec >= 60 && (h !== 23 || m !== 59)) return "invalid leap second";
  return null;
}

function checkDateTime(s: string): string | null {
  if (s.length < 20) return "less than 20 characters long";
  if (s[10] !== "t" && s[10] !== "T") return "11th character must be t or T";
  const d = checkDate(s.slice(0, 10));
  if (d !== null) return `invalid date element: ${d}`;
  const t = checkTime(s.slice(11));
  return t === null ? null : `invalid time element: ${t}`;
}

/** Go's `unescape` error for a bad % escape in `s`, or null. */
function badEscape(s: string): string | null {
  const m = /%(?![0-9A-Fa-f]{2})/.exec(s);
  return m ? `invalid URL escape ${goQuote(s.slice(m.index, m.index + 3))}` : null;
}

const validOptionalPort = (p: string): boolean => /^(:[0-9]*)?$/.test(p);

/** Go's parseAuthority and parseHost: the error for `authority` (`user@host:port`), or null. */
function authorityError(authority: string): string | null {
  const at = authority.lastIndexOf("@");
  const host = authority.slice(at + 1);
  if (at !== -1 && !/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(authority.slice(0, at))) return "net/url: invalid userinfo";
  if (at !== -1) {
    const user = badEscape(authority.slice(0, at));
    if (user !== null) return user;
  }
  let port = "";
  if (host.startsWith("[")) {
    const close = host.lastIndexOf("]");
    if (close === -1) return "missing ']' in host";
    port = host.slice(close + 1);
  } else if (host.includes(":")) port = host.slice(host.lastIndexOf(":"));
  if (!validOptionalPort(port)) return `invalid port ${goQuote(port)} after host`;
  const escape = badEscape(host);
  if (escape !== null) return escape;
  const bad = /[^A-Za-z0-9\-_.~!$&'()*+,;=:[\]<>"%\u0080-\uffff]/.exec(host);
  return bad ? `invalid character ${goQuote(bad[0])} in host name` : null;
}

/** Go's URL.Hostname(): the host without its port and brackets. */
function hostname(host: string): string {
  const colon = host.lastIndexOf(":");
  if (colon !== -1 && validOptionalPort(host.slice(colon))) host = host.slice(0, colon);
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

/**
 * Go's url.Parse: its error text (`parse "x": …`) for the cases named in the header, or null; `abs`
 * says whether it has a scheme, `host` is its authority's host part.
 */
function parseUrl(raw: string): { error: string | null; abs: boolean; host: string } {
  const hash = raw.indexOf("#");
  const u = hash === -1 ? raw : raw.slice(0, hash);
  const fail = (url: string, msg: string) => ({ error: `parse ${goQuote(url)}: ${msg}`, abs: false, host: "" });
  if (/[\u0000-\u001f\u007f]/.test(u)) return fail(u, "net/url: invalid control character in URL");
  if (u.startsWith(":")) return fail(u, "missing protocol scheme");
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:/.exec(u);
  let rest = scheme ? u.slice(scheme[0].length) : u;
  rest = rest.endsWith("?") && rest.indexOf("?") === rest.length - 1 ? rest.slice(0, -1) : rest.split("?")[0]!;
  // scheme:opaque is not parsed further.
  if (scheme && !rest.startsWith("/")) return { error: null, abs: true, host: "" };
  if (!rest.startsWith("/") && rest.split("/")[0]!.includes(":")) return fail(u, "first path segment in URL cannot contain colon");
  let host = "";
  if (rest.startsWith("//") && (scheme || !rest.startsWith("///"))) {
    const slash = rest.indexOf("/", 2);
    const authority = slash === -1 ? rest.slice(2) : rest.slice(2, slash);
    const problem = authorityError(authority);
    if (problem !== null) return fail(u, problem);
    host = authority.slice(authority.lastIndexOf("@") + 1);
    rest = slash === -1 ? "" : rest.slice(slash);
  }
  const path = badEscape(rest);
  if (path !== null) return fail(u, path);
  if (hash !== -1) {
    const frag = badEscape(raw.slice(hash + 1));
    if (frag !== null) return fail(raw, frag);
  }
  return { error: null, abs: scheme !== null, host };
}

/** santhosh's parseURL: Go's url.Parse, then a host with a colon must be a bracketed IPv6 address. */
function parseUrlStrict(s: string): { error: string | null; abs: boolean } {
  const r = parseUrl(s);
  if (r.error === null && hostname(r.host).includes(":") && !(r.host.includes("[") && r.host.includes("]"))) {
    return { error: "ipv6 address not enclosed in brackets", abs: r.abs };
  }
  return r;
}

function checkUri(s: string): string | null {
  const { error, abs } = parseUrlStrict(s);
  return error ?? (abs ? null : "relative url");
}

const checkUriReference = (s: string): string | null => (s.includes("\\") ? "contains \\" : parseUrlStrict(s).error);

/** Go's url.Parse error text for `s`, or null (within what parseUrl reproduces). */
export const urlParseError = (s: string): string | null => parseUrl(s).error;

/** Verdicts of checkRegex: a schema's patterns are checked against the metaschema at each compile. */
const regexVerdicts = new Map<string, string | null>();
const REGEX_VERDICTS_MAX = 4096;

function checkRegex(s: string): string | null {
  let verdict = regexVerdicts.get(s);
  if (verdict === undefined) {
    try {
      RE2JS.compile(s);
      verdict = null;
    } catch (e) {
      verdict = e instanceof Error ? e.message : String(e);
    }
    if (regexVerdicts.size >= REGEX_VERDICTS_MAX) regexVerdicts.clear();
    regexVerdicts.set(s, verdict);
  }
  return verdict;
}

const CHECKS: Record<string, (s: string) => string | null> = {
  uuid: checkUuid,
  duration: checkDuration,
  ipv4: checkIpv4,
  hostname: checkHostname,
  email: checkEmail,
  regex: checkRegex,
  date: checkDate,
  time: checkTime,
  "date-time": checkDateTime,
  uri: checkUri,
  "uri-reference": checkUriReference,
  iri: checkUri,
};

/** santhosh's error for `value` not being a valid `format`, or null (also for formats not asserted). */
export function checkFormat(format: string, value: string): string | null {
  const check = Object.hasOwn(CHECKS, format) ? CHECKS[format] : undefined;
  return check ? check(value) : null;
}
