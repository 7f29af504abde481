/**
 * Helm's toToml: BurntSushi/toml v1.6.0's Encoder (indent "  ") over the Go value. Keys sort in
 * byte order, plain values come before tables, floats always show a decimal point or exponent
 * (`1.0`, `1e+06`), lists holding only maps become `[[arrays of tables]]`.
 */
import { GoInt, GoObject, compareGoStrings, formatFloat, isGoMap, type GoMap, type Value } from "../../template/value";

/** An error of the encoder; Helm's toToml returns its text. */
class TomlEncodeError extends Error {}

const ERR_NIL_ELEMENT = "toml: cannot encode array with nil element";
const ERR_NO_KEY = "toml: top-level values must be Go maps or structs";

// dblQuotedReplacer: quote, backslash, control characters and DEL.
const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r" };
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u007f]/g;

function quote(s: string): string {
  return `"${s.replace(NEEDS_ESCAPE, (c) => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}"`;
}

const BARE_KEY = /^[A-Za-z0-9_-]+$/;
const keyPart = (k: string): string => (BARE_KEY.test(k) ? k : quote(k));

type TomlType = "table" | "arrayOfTables" | "other" | null;

/** tomlTypeOfGo: whether a value is written as a table, an array of tables or inline. */
function tomlType(v: Value): TomlType {
  if (v === null) return null;
  if (isGoMap(v)) return "table";
  if (Array.isArray(v)) {
    if (v.length === 0) return "other";
    let tables = true;
    for (const e of v) {
      const t = tomlType(e);
      if (t === null) throw new TomlEncodeError(ERR_NIL_ELEMENT);
      if (t !== "table") tables = false;
    }
    return tables ? "arrayOfTables" : "other";
  }
  return "other";
}

class Encoder {
  private readonly out: string[] = [];
  private written = false;

  text(): string {
    return this.out.join("");
  }

  private write(s: string): void {
    this.out.push(s);
    this.written = true;
  }

  private newline(): void {
    if (this.written) this.write("\n");
  }

  private indent(key: string[]): string {
    return "  ".repeat(key.length - 1);
  }

  encode(key: string[], v: Value): void {
    if (v === null) return;
    if (isGoMap(v)) {
      this.table(key, v);
      return;
    }
    if (Array.isArray(v) && tomlType(v) === "arrayOfTables") {
      this.arrayOfTables(key, v);
      return;
    }
    this.keyValue(key, v, false);
  }

  private keyValue(key: string[], v: Value, inline: boolean): void {
    if (key.length === 0) {
      this.element(v);
      return;
    }
    this.write(`${this.indent(key)}${keyPart(key[key.length - 1] ?? "")} = `);
    this.element(v);
    if (!inline) this.newline();
  }

  private table(key: string[], m: GoMap): void {
    // An extra line break between top-level tables (not before the first output).
    if (key.length === 1) this.newline();
    if (key.length > 0) {
      this.write(`${this.indent(key)}[${key.map(keyPart).join(".")}]`);
      this.newline();
    }
    this.map(key, m, false);
  }

  private arrayOfTables(key: string[], list: Value[]): void {
    if (key.length === 0) throw new TomlEncodeError(ERR_NO_KEY);
    for (const item of list) {
      if (!isGoMap(item)) continue;
      this.newline();
      this.write(`${this.indent(key)}[[${key.map(keyPart).join(".")}]]`);
      this.newline();
      this.map(key, item, false);
    }
  }

  /** eMap: plain values first, then tables, each group in byte order of the keys. */
  private map(key: string[], m: GoMap, inline: boolean): void {
    const direct: string[] = [];
    const sub: string[] = [];
    for (const [k, v] of m) {
      const t = tomlType(v);
      (t === "table" || t === "arrayOfTables" ? sub : direct).push(k);
    }
    if (inline) this.write("{");
    const writeKeys = (keys: string[], trailingComma: boolean) => {
      keys.sort(compareGoStrings);
      keys.forEach((k, i) => {
        const v = m.get(k) ?? null;
        if (v === null) return;
        if (inline) {
          this.keyValue([k], v, true);
          if (trailingComma || i !== keys.length - 1) this.write(", ");
        } else this.encode([...key, k], v);
      });
    };
    writeKeys(direct, sub.length > 0);
    writeKeys(sub, false);
    if (inline) this.write("}");
  }

  private element(v: Value): void {
    if (v === null) throw new TomlEncodeError(ERR_NIL_ELEMENT);
    switch (typeof v) {
      case "string":
        this.write(quote(v));
        return;
      case "boolean":
        this.write(v ? "true" : "false");
        return;
      case "number":
        this.write(floatText(v));
        return;
    }
    if (v instanceof GoInt) this.write(v.value.toString());
    else if (v instanceof Uint8Array) this.write(`[${Array.from(v).join(", ")}]`);
    else if (v instanceof GoObject) throw new TomlEncodeError(`toml: unsupported type: ${v.goType}`);
    else if (Array.isArray(v)) {
      this.write("[");
      v.forEach((e, i) => {
        this.element(e);
        if (i !== v.length - 1) this.write(", ");
      });
      this.write("]");
    } else this.map([], v, true);
  }
}

/** A float64 as the encoder writes it: Go's %g, with `.0` added when there is neither `.` nor an exponent. */
function floatText(f: number): string {
  if (Number.isNaN(f)) return "nan";
  if (!Number.isFinite(f)) return f < 0 ? "-inf" : "inf";
  const s = formatFloat(f);
  return s.includes(".") || s.includes("e") ? s : `${s}.0`;
}

/** Helm's `toToml`: the TOML document, or the encoder's error text. */
export function toToml(v: Value): string {
  const enc = new Encoder();
  try {
    enc.encode([], v);
  } catch (e) {
    if (e instanceof TomlEncodeError) return e.message;
    throw e;
  }
  return enc.text();
}
