/**
 * Validates rendered Kubernetes objects against the Kubernetes 1.35 OpenAPI schemas.
 *
 * The schemas come precompiled in `kubernetes-models` (no runtime `new Function`, so the same code runs
 * in a CSP-strict browser); CRDs the chart renders come from the matching `@kubernetes-models/*`
 * packages. The model packages are imported lazily because the index weighs ~200 KB gzipped. Five
 * prometheus-operator patterns go through re2-wasm, which bundles as re2-wasm-adapter.ts (next.config.mjs).
 * Object names and labels are also checked the way the API server does beyond the schema.
 */

import { dig } from "./object-readers";

/** Severity of a review finding; `error` means the API server would reject the object. */
export type FindingSeverity = "error" | "warning" | "info";

/** Machine-readable reason of a finding (tests and the UI match on this, not on prose). */
export type FindingCode =
  | "NOT_AN_OBJECT"
  | "MISSING_TYPE_META"
  | "UNKNOWN_KIND"
  | "SCHEMA_VIOLATION"
  | "INVALID_NAME"
  | "INVALID_LABEL"
  | "PSS_VIOLATION";

/** One problem found in one rendered object. `path` is a JSON pointer into that object. */
export interface ReviewFinding {
  severity: FindingSeverity;
  code: FindingCode;
  kind: string;
  name: string;
  path: string;
  message: string;
}

/** What a precompiled model class offers: construct with the object, `validate()` throws on violations. */
interface ModelClass {
  apiVersion: string;
  kind: string;
  new (data: object): { validate(): void };
}

/** ajv-style error carried by the `ValidationError` that `validate()` throws. */
interface AjvError {
  instancePath: string;
  message?: string;
  keyword: string;
  params?: Record<string, unknown>;
}

/** Validates one parsed object; returns no findings when it conforms. */
export type ObjectValidator = (obj: unknown) => ReviewFinding[];

/** The Kubernetes release whose OpenAPI schemas kubernetes-models carries (Helm v4.1.4's default too). */
export const SCHEMA_KUBERNETES_VERSION = "1.35";

let validatorPromise: Promise<ObjectValidator> | null = null;

/** Loads the model packages once and returns a synchronous validator over apiVersion/kind. */
export function loadK8sSchemaValidator(): Promise<ObjectValidator> {
  return (validatorPromise ??= (async () => {
    const [core, prometheus, externalSecrets] = await Promise.all([
      import("kubernetes-models"),
      import("@kubernetes-models/prometheus-operator"),
      import("@kubernetes-models/external-secrets"),
    ]);
    const index = new Map<string, ModelClass>();
    for (const pkg of [core, prometheus, externalSecrets]) indexModels(pkg, 0, index);
    return (obj) => validateWithIndex(obj, index);
  })());
}

/** Validates every object; findings keep the input order. */
export async function validateK8sObjects(objects: readonly unknown[]): Promise<ReviewFinding[]> {
  const validate = await loadK8sSchemaValidator();
  return objects.flatMap((o) => validate(o));
}

// Core "v1" models sit one namespace level shallower than "apps/v1"-style ones, so walk two levels.
function indexModels(ns: object, depth: number, index: Map<string, ModelClass>): void {
  for (const v of Object.values(ns)) {
    if (typeof v === "function" && typeof v.apiVersion === "string" && typeof v.kind === "string") {
      index.set(`${v.apiVersion}/${v.kind}`, v as ModelClass);
    } else if (v !== null && typeof v === "object" && depth < 2) {
      indexModels(v as object, depth + 1, index);
    }
  }
}

function validateWithIndex(obj: unknown, index: ReadonlyMap<string, ModelClass>): ReviewFinding[] {
  if (obj === null || typeof obj !== "object" || Array.isArray(obj)) {
    return [finding("NOT_AN_OBJECT", "", "", "", "document is not a YAML mapping")];
  }
  const o = obj as Record<string, unknown>;
  const kind = typeof o.kind === "string" ? o.kind : "";
  const name = objectName(o);
  if (typeof o.apiVersion !== "string" || kind === "") {
    const missing = typeof o.apiVersion !== "string" ? "/apiVersion" : "/kind";
    return [finding("MISSING_TYPE_META", kind, name, missing, `object has no ${missing.slice(1)}`)];
  }
  const Model = index.get(`${o.apiVersion}/${kind}`);
  if (!Model) {
    return [
      {
        ...finding("UNKNOWN_KIND", kind, name, "", `no schema for ${o.apiVersion}/${kind} (not a Kubernetes ${SCHEMA_KUBERNETES_VERSION} or known CRD kind)`),
        severity: "warning",
      },
    ];
  }
  return [...schemaFindings(Model, o, kind, name), ...metadataFindings(o, kind, name)];
}

function schemaFindings(Model: ModelClass, o: object, kind: string, name: string): ReviewFinding[] {
  try {
    new Model(o).validate();
    return [];
  } catch (e) {
    const errors = ajvErrors(e);
    if (!errors) throw e;
    return dedupeOneOf(errors).map((err) => finding("SCHEMA_VIOLATION", kind, name, err.instancePath, describe(err)));
  }
}

// The API server checks these beyond the OpenAPI schema (apimachinery validation), and long release
// names are the usual way a chart trips over them.
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
/** Kinds whose names become DNS labels (Service DNS records, namespaces). */
const LABEL_NAMED_KINDS = new Set(["Service", "Namespace"]);

function metadataFindings(o: Record<string, unknown>, kind: string, name: string): ReviewFinding[] {
  const out: ReviewFinding[] = [];
  if (name !== "") {
    const asLabel = LABEL_NAMED_KINDS.has(kind);
    const ok = asLabel ? name.length <= 63 && DNS_1035_LABEL.test(name) : name.length <= 253 && DNS_SUBDOMAIN.test(name);
    if (!ok) {
      const rule = asLabel ? "a DNS-1035 label (at most 63 lowercase letters, digits and '-', starting with a letter)" : "a DNS-1123 subdomain (at most 253 lowercase characters)";
      out.push(finding("INVALID_NAME", kind, name, "/metadata/name", `name must be ${rule}`));
    }
  }
  const labelSets: [unknown, string][] = [[dig(o, "metadata", "labels"), "/metadata/labels"], [dig(o, "spec", "template", "metadata", "labels"), "/spec/template/metadata/labels"]];
  for (const [labels, at] of labelSets) {
    if (labels === null || typeof labels !== "object") continue;
    for (const [key, value] of Object.entries(labels)) {
      const path = `${at}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`;
      if (!validLabelKey(key)) out.push(finding("INVALID_LABEL", kind, name, path, `label key ${key} is not a qualified name`));
      if (typeof value === "string" && (value.length > 63 || !LABEL_VALUE.test(value))) {
        out.push(finding("INVALID_LABEL", kind, name, path, `label value ${JSON.stringify(value)} must be at most 63 characters of letters, digits, '-', '_' and '.'`));
      }
    }
  }
  return out;
}

function validLabelKey(key: string): boolean {
  const slash = key.lastIndexOf("/");
  const prefix = slash >= 0 ? key.slice(0, slash) : "";
  const base = key.slice(slash + 1);
  if (slash >= 0 && (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) return false;
  return base.length > 0 && base.length <= 63 && LABEL_NAME.test(base);
}

function ajvErrors(e: unknown): AjvError[] | null {
  if (e === null || typeof e !== "object") return null;
  const errors = (e as { errors?: unknown }).errors;
  return Array.isArray(errors) ? (errors as AjvError[]) : null;
}

// An int-or-string field reports each failed branch plus the "oneOf" summary; the summary alone is noise.
function dedupeOneOf(errors: AjvError[]): AjvError[] {
  const branchFailed = new Set(errors.filter((e) => e.keyword !== "oneOf").map((e) => e.instancePath));
  return errors.filter((e) => e.keyword !== "oneOf" || !branchFailed.has(e.instancePath));
}

function describe(err: AjvError): string {
  const base = err.message ?? err.keyword;
  const allowed = err.params?.allowedValues;
  return Array.isArray(allowed) ? `${base}: ${allowed.map(String).join(", ")}` : base;
}

function objectName(o: Record<string, unknown>): string {
  const meta = o.metadata;
  if (meta === null || typeof meta !== "object") return "";
  const name = (meta as Record<string, unknown>).name;
  return typeof name === "string" ? name : "";
}

function finding(code: FindingCode, kind: string, name: string, path: string, message: string): ReviewFinding {
  return { severity: "error", code, kind, name, path, message };
}
