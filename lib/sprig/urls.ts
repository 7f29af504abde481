/**
 * Sprig's urlParse / urlJoin over a port of the parts of Go's net/url they use (Parse, the
 * URL fields, Hostname, Userinfo.String, URL.String and its escaping rules).
 */
import { FuncError, goFunc, type GoMap, goKindName, utf8Bytes, utf8String, type Value } from "../template/value";
import { goQuote } from "../template/token";

type EscapeMode = "path" | "host" | "userinfo" | "fragment";

/** net/url shouldEscape. */
function shouldEscape(c: string, mode: EscapeMode): boolean {
  if (/[A-Za-z0-9]/.test(c)) return false;
  if (mode === "host" && "!$&'()*+,;=:[]<>\"".includes(c)) return false;
  if ("-_.~".includes(c)) return false;
  if ("$&+,/:;=?@".includes(c)) {
    if (mode === "path") return c === "?";
    if (mode === "userinfo") return "@/?:".includes(c);
    if (mode === "fragment") return false;
  }
  if (mode === "fragment" && "!()*".includes(c)) return false;
  return true;
}

function escape(s: string, mode: EscapeMode): string {
  let out = "";
  for (const b of utf8Bytes(s)) {
    const c = String.fromCharCode(b);
    out += b < 0x80 && !shouldEscape(c, mode) ? c : `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** net/url unescape (no '+' handling outside queries); throws Go's EscapeError text. */
function unescape(s: string, mode: EscapeMode): string {
  const bytes: number[] = [];
  const raw = utf8Bytes(s);
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === 0x25) {
      const hex = String.fromCharCode(raw[i + 1] ?? 0, raw[i + 2] ?? 0);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) {
        const bad = utf8String(raw.subarray(i, Math.min(i + 3, raw.length)));
        throw new FuncError(`invalid URL escape ${goQuote(bad)}`);
      }
      const v = parseInt(hex, 16);
      if (mode === "host" && v < 0x80 && hex !== "25" && shouldEscape(String.fromCharCode(v), "host")) {
        throw new FuncError(`invalid URL escape ${goQuote("%" + hex)}`);
      }
      bytes.push(v);
      i += 2;
    } else bytes.push(raw[i]!);
  }
  return utf8String(Uint8Array.from(bytes));
}

interface GoURL {
  scheme: string;
  opaque: string;
  user?: { username: string; password?: string };
  host: string;
  path: string;
  rawQuery: string;
  forceQuery: boolean;
  fragment: string;
}

function userString(u: NonNullable<GoURL["user"]>): string {
  return escape(u.username, "userinfo") + (u.password !== undefined ? ":" + escape(u.password, "userinfo") : "");
}

/** url.Parse; errors read `parse "<url>": <reason>`. */
export function parseURL(raw: string): GoURL {
  const fail = (reason: string): never => {
    throw new FuncError(`parse ${goQuote(raw)}: ${reason}`);
  };
  const hashAt = raw.indexOf("#");
  let rest = hashAt >= 0 ? raw.slice(0, hashAt) : raw;
  const u: GoURL = { scheme: "", opaque: "", host: "", path: "", rawQuery: "", forceQuery: false, fragment: "" };
  try {
    if (hashAt >= 0) u.fragment = unescape(raw.slice(hashAt + 1), "fragment");
    if (/[\u0000-\u001f\u007f]/.test(rest)) fail("net/url: invalid control character in URL");
    const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(rest);
    if (scheme) {
      u.scheme = scheme[1]!.toLowerCase();
      rest = rest.slice(scheme[0].length);
    } else if (rest.startsWith(":")) fail("missing protocol scheme");
    if (rest.endsWith("?") && rest.split("?").length === 2) {
      u.forceQuery = true;
      rest = rest.slice(0, -1);
    } else {
      const q = rest.indexOf("?");
      if (q >= 0) [rest, u.rawQuery] = [rest.slice(0, q), rest.slice(q + 1)];
    }
    if (!rest.startsWith("/")) {
      if (u.scheme !== "") {
        u.opaque = rest;
        return u;
      }
      const seg = rest.split("/")[0]!;
      if (seg.includes(":")) fail("first path segment in URL cannot contain colon");
    }
    if ((u.scheme !== "" || !rest.startsWith("///")) && rest.startsWith("//")) {
      const slash = rest.indexOf("/", 2);
      const authority = slash >= 0 ? rest.slice(2, slash) : rest.slice(2);
      rest = slash >= 0 ? rest.slice(slash) : "";
      const at = authority.lastIndexOf("@");
      let host = authority;
      if (at >= 0) {
        const info = authority.slice(0, at);
        host = authority.slice(at + 1);
        const colon = info.indexOf(":");
        u.user =
          colon >= 0
            ? { username: unescape(info.slice(0, colon), "userinfo"), password: unescape(info.slice(colon + 1), "userinfo") }
            : { username: unescape(info, "userinfo") };
      }
      const port = host.startsWith("[") ? host.slice(host.indexOf("]") + 1) : host.slice(Math.max(host.lastIndexOf(":"), 0));
      if (port.includes(":") && !/^:[0-9]*$/.test(port)) fail(`invalid port ${goQuote(port)} after host`);
      u.host = unescape(host, "host");
    }
    u.path = unescape(rest, "path");
  } catch (e) {
    if (e instanceof FuncError && !e.message.startsWith("parse ")) fail(e.message);
    throw e;
  }
  return u;
}

/** URL.Hostname: the host without its port or IPv6 brackets. */
function hostname(host: string): string {
  if (host.startsWith("[")) {
    const end = host.indexOf("]");
    return end >= 0 ? host.slice(1, end) : host.slice(1);
  }
  const colon = host.lastIndexOf(":");
  return colon >= 0 && /^:[0-9]*$/.test(host.slice(colon)) ? host.slice(0, colon) : host;
}

/** URL.String. */
export function formatURL(u: GoURL): string {
  let out = u.scheme ? u.scheme + ":" : "";
  if (u.opaque) out += u.opaque;
  else {
    if (u.scheme || u.host || u.user) {
      if (u.host || u.path || u.user) out += "//";
      if (u.user) out += userString(u.user) + "@";
      if (u.host) out += escape(u.host, "host");
    }
    const path = escape(u.path, "path");
    if (path !== "" && path[0] !== "/" && u.host !== "") out += "/";
    if (out === "" && path.split("/")[0]!.includes(":")) out += "./";
    out += path;
  }
  if (u.forceQuery || u.rawQuery) out += "?" + u.rawQuery;
  if (u.fragment) out += "#" + escape(u.fragment, "fragment");
  return out;
}

function urlParse(v: string): GoMap {
  let u: GoURL;
  try {
    u = parseURL(v);
  } catch (e) {
    if (e instanceof FuncError) throw new FuncError(`unable to parse url: ${e.message}`);
    throw e;
  }
  return new Map<string, Value>([
    ["scheme", u.scheme],
    ["host", u.host],
    ["hostname", hostname(u.host)],
    ["path", u.path],
    ["query", u.rawQuery],
    ["opaque", u.opaque],
    ["fragment", u.fragment],
    ["userinfo", u.user ? userString(u.user) : ""],
  ]);
}

function urlJoin(d: GoMap): string {
  const get = (key: string): string => {
    if (!d.has(key)) return "";
    const v = d.get(key)!;
    if (typeof v === "string") return v;
    if (v === null) throw new FuncError("runtime error: invalid memory address or nil pointer dereference");
    throw new FuncError(`unable to parse ${key} key, must be of type string, but ${goKindName(v)} found`);
  };
  const u: GoURL = {
    scheme: get("scheme"),
    host: get("host"),
    path: get("path"),
    rawQuery: get("query"),
    opaque: get("opaque"),
    fragment: get("fragment"),
    forceQuery: false,
  };
  const info = get("userinfo");
  if (info !== "") {
    try {
      u.user = parseURL(`proto://${info}@host`).user;
    } catch (e) {
      if (e instanceof FuncError) throw new FuncError(`unable to parse userinfo in dict: ${e.message}`);
      throw e;
    }
  }
  return formatURL(u);
}

export const urlFuncs = {
  urlParse: goFunc(["string"], urlParse),
  urlJoin: goFunc(["map"], urlJoin),
};
