/**
 * The built-in objects templates see besides .Values and .Files: .Release, .Chart (v4: a map with Go's
 * field names plus IsRoot), .Capabilities (Go structs with methods) and .Template.
 */
import { WriteCountedMap } from "./tracked-map";
import type { GoField, GoFunc, GoMap, Value } from "../template/value";
import { FuncError, formatValue, GoObject, goFunc, goInt, isGoMap, withGoType } from "../template/value";
import { goQuote } from "../template/token";
import type { GoStruct, StructField } from "../sprig/json";
import type { Chart } from "./chart";

export interface ReleaseOptions {
  name: string;
  namespace: string;
  isUpgrade: boolean;
}

/** `.Release`: a plain map, so a missing field prints empty. */
export function releaseObject(o: ReleaseOptions): GoMap {
  return new Map<string, Value>([
    ["Name", o.name],
    ["Namespace", o.namespace],
    ["IsUpgrade", o.isUpgrade],
    ["IsInstall", !o.isUpgrade],
    ["Revision", goInt(1)],
    ["Service", "Helm"],
  ]);
}

/**
 * A nil Go map (Chart.yaml without `annotations`): empty for templates, `map[]` for fmt, but
 * encoding/json writes `null` (and so toYaml), while goyaml v3 (toYamlPretty) writes `{}`.
 */
// Shared by the chart's templates as `.Chart.Annotations`: writes are counted (template-reuse.ts).
class NilMap extends WriteCountedMap {
  marshalJSON(): string {
    return "null";
  }
}

const METADATA_STRING_FIELDS: [string, string][] = [
  ["Name", "name"],
  ["Home", "home"],
  ["Version", "version"],
  ["Description", "description"],
  ["Icon", "icon"],
  ["APIVersion", "apiVersion"],
  ["Condition", "condition"],
  ["Tags", "tags"],
  ["AppVersion", "appVersion"],
  ["KubeVersion", "kubeVersion"],
  ["Type", "type"],
];

const asString = (v: Value | undefined): string => (typeof v === "string" ? v : v === null || v === undefined ? "" : String(v));
const asStrings = (v: Value | undefined): Value[] => (Array.isArray(v) ? v.map(asString) : []);

/** Go's structToMap over a struct described as [GoField, yamlKey, kind]. */
function structMap(src: GoMap, fields: [string, string, "string" | "strings" | "bool"][]): GoMap {
  const m: GoMap = new Map();
  for (const [goName, key, kind] of fields) {
    const v = src.get(key);
    m.set(goName, kind === "string" ? asString(v) : kind === "bool" ? v === true : asStrings(v));
  }
  return m;
}

/**
 * `.Chart` as Helm v4 builds it (pkg/chart/common.go structToMap of Metadata, plus IsRoot): every field is
 * present, slices print `[]` when absent, maintainers and dependencies become maps.
 */
/** Chart.yaml's `deprecated` as Helm's Metadata.Deprecated reads it. */
export const isDeprecated = (chart: Chart): boolean => chart.metadata.raw.get("deprecated") === true || chart.metadata.raw.get("deprecated") === "true";

export function chartObject(chart: Chart): GoMap {
  const raw = chart.metadata.raw;
  const m: GoMap = new Map();
  for (const [goName, key] of METADATA_STRING_FIELDS) m.set(goName, asString(raw.get(key)));
  // Helm sets the apiVersion to v1 when Chart.yaml leaves it out; an alias renames the chart.
  m.set("APIVersion", chart.metadata.apiVersion);
  m.set("Name", chart.metadata.name);
  m.set("Sources", asStrings(raw.get("sources")));
  m.set("Keywords", asStrings(raw.get("keywords")));
  m.set("Deprecated", isDeprecated(chart));
  const maint = raw.get("maintainers");
  m.set(
    "Maintainers",
    Array.isArray(maint)
      ? maint.map((x) => (isGoMap(x) ? structMap(x, [["Name", "name", "string"], ["Email", "email", "string"], ["URL", "url", "string"]]) : null))
      : [],
  );
  const ann = raw.get("annotations");
  const annotations: GoMap = isGoMap(ann) ? new Map([...ann].map(([k, v]) => [k, asString(v)])) : new NilMap();
  m.set("Annotations", withGoType(annotations, "map[string]string"));
  m.set(
    "Dependencies",
    chart.metadata.dependencies.map((d) => {
      const dm: GoMap = new Map<string, Value>([
        ["Name", d.name],
        ["Version", d.version ?? ""],
        ["Repository", d.repository ?? ""],
        ["Condition", d.condition ?? ""],
        ["Tags", d.tags ?? []],
        ["Enabled", d.enabled ?? false],
        [
          "ImportValues",
          (d.importValues ?? []).map((iv) =>
            typeof iv === "string" ? iv : new Map<string, Value>([["child", iv.child], ["parent", iv.parent]]),
          ),
        ],
        ["Alias", d.alias ?? ""],
      ]);
      return dm;
    }),
  );
  m.set("IsRoot", chart.parent === undefined);
  return m;
}

// The default API versions of Helm v4.1.4's `helm template`, in its order.
const DEFAULT_API_VERSIONS: readonly string[] = [
  "v1", "admissionregistration.k8s.io/v1", "admissionregistration.k8s.io/v1alpha1",
  "admissionregistration.k8s.io/v1beta1", "internal.apiserver.k8s.io/v1alpha1", "apps/v1", "apps/v1beta1",
  "apps/v1beta2", "authentication.k8s.io/v1", "authentication.k8s.io/v1alpha1", "authentication.k8s.io/v1beta1",
  "authorization.k8s.io/v1", "authorization.k8s.io/v1beta1", "autoscaling/v1", "autoscaling/v2",
  "autoscaling/v2beta1", "autoscaling/v2beta2", "batch/v1", "batch/v1beta1", "certificates.k8s.io/v1",
  "certificates.k8s.io/v1beta1", "certificates.k8s.io/v1alpha1", "coordination.k8s.io/v1alpha2",
  "coordination.k8s.io/v1beta1", "coordination.k8s.io/v1", "discovery.k8s.io/v1", "discovery.k8s.io/v1beta1",
  "events.k8s.io/v1", "events.k8s.io/v1beta1", "extensions/v1beta1", "flowcontrol.apiserver.k8s.io/v1",
  "flowcontrol.apiserver.k8s.io/v1beta1", "flowcontrol.apiserver.k8s.io/v1beta2",
  "flowcontrol.apiserver.k8s.io/v1beta3", "networking.k8s.io/v1", "networking.k8s.io/v1beta1", "node.k8s.io/v1",
  "node.k8s.io/v1alpha1", "node.k8s.io/v1beta1", "policy/v1", "policy/v1beta1", "rbac.authorization.k8s.io/v1",
  "rbac.authorization.k8s.io/v1beta1", "rbac.authorization.k8s.io/v1alpha1", "resource.k8s.io/v1",
  "resource.k8s.io/v1beta2", "resource.k8s.io/v1beta1", "resource.k8s.io/v1alpha3", "scheduling.k8s.io/v1alpha1",
  "scheduling.k8s.io/v1beta1", "scheduling.k8s.io/v1", "storage.k8s.io/v1beta1", "storage.k8s.io/v1",
  "storage.k8s.io/v1alpha1", "storagemigration.k8s.io/v1beta1", "apiextensions.k8s.io/v1beta1",
  "apiextensions.k8s.io/v1",
];

export const DEFAULT_KUBE_VERSION = "v1.35.0";

/**
 * A Go struct: templates read its fields by Go name; encoding/json (toJson, toYaml) writes them in
 * declaration order under their json names, goyaml v3 (toYamlPretty) under the lowercased Go names;
 * fmt prints every field, unexported ones too (`goFields`).
 */
abstract class GoStructObject extends GoObject implements GoStruct {
  abstract structFields(): readonly StructField[];
  override field(name: string): Value | undefined {
    return this.structFields().find((f) => f.goName === name)?.value;
  }
  override goFields(): readonly GoField[] {
    return this.structFields();
  }
  /** `{f1 f2 …}`: no String method of a field applies, since fmt sees a copy. */
  format(): string {
    return `{${this.goFields()
      .map((f) => formatValue(f.value))
      .join(" ")}}`;
  }
}

/** A field without a json tag: encoding/json uses the Go name. */
const untagged = (goName: string, value: Value): StructField => ({ goName, jsonName: goName, value });

/**
 * `common.KubeVersion`: fields Version, normalizedVersion (unexported), Major, Minor (no json tags);
 * methods String (pointer receiver) and GitVersion.
 */
export class KubeVersion extends GoStructObject {
  readonly goType = "common.KubeVersion";
  constructor(
    readonly version: string,
    readonly normalized: string,
    readonly major: string,
    readonly minor: string,
  ) {
    super();
  }
  structFields(): readonly StructField[] {
    return [untagged("Version", this.version), untagged("Major", this.major), untagged("Minor", this.minor)];
  }
  override goFields(): readonly GoField[] {
    return [
      { goName: "Version", value: this.version },
      { goName: "normalizedVersion", value: this.normalized },
      { goName: "Major", value: this.major },
      { goName: "Minor", value: this.minor },
    ];
  }
  override method(name: string): GoFunc | undefined {
    if (name === "String") return goFunc([], () => this.normalized, { result: "string" });
    if (name === "GitVersion") return goFunc([], () => this.version, { result: "string" });
    return undefined;
  }
  /** Its String method has a pointer receiver: the executor uses it on `.Capabilities.KubeVersion`, fmt never. */
  override printed(addressable: boolean): string {
    return addressable ? this.normalized : this.format();
  }
}

/**
 * common.ParseKubeVersion over k8s.io/apimachinery's ParseGeneric: at least two numeric components;
 * anything after them (`-gke.1`) is kept in Version but not in the normalized form.
 * Throws FuncError with ParseGeneric's message.
 */
export function parseKubeVersion(input: string): KubeVersion {
  const m = /^\s*v?([0-9]+(?:\.[0-9]+)*)(.*)$/s.exec(input);
  if (!m) throw new FuncError(`could not parse ${goQuote(input)} as version`);
  const components = (m[1] ?? "").split(".");
  if (components.length < 2) throw new FuncError(`illegal version string ${goQuote(input)}`);
  const first = components[0] ?? "";
  if (first.startsWith("0") && first !== "0") throw new FuncError(`illegal zero-prefixed version component ${goQuote(first)} in ${goQuote(input)}`);
  const nums = components.map((c) => BigInt(c).toString());
  return new KubeVersion(input.startsWith("v") ? input : `v${input}`, `v${nums.join(".")}`, nums[0] ?? "", nums[1] ?? "");
}

/** `common.VersionSet`: printed as a list, with a `Has` method. */
export class VersionSet extends GoObject {
  readonly goType = "common.VersionSet";
  override readonly goKind = "slice";
  constructor(readonly versions: readonly string[]) {
    super();
  }
  /** GoSliceObject: `len`, `range` and `index` see the list. */
  get items(): readonly string[] {
    return this.versions;
  }
  override method(name: string): GoFunc | undefined {
    if (name === "Has") return goFunc(["string"], (v: string) => this.versions.includes(v), { result: "bool" });
    return undefined;
  }
  format(): string {
    return `[${this.versions.join(" ")}]`;
  }
}

// helmversion.BuildInfo of Helm v4.1.4: [Go name, json tag name, value]; every tag has omitempty.
const HELM_BUILD: [string, string, string][] = [
  ["Version", "version", "v4.1.4"],
  ["GitCommit", "git_commit", "05fa37973dc9e42b76e1d2883494c87174b6074f"],
  ["GitTreeState", "git_tree_state", "clean"],
  ["GoVersion", "go_version", "go1.25.9"],
  ["KubeClientVersion", "kube_client_version", "v1.35"],
];

/** `version.BuildInfo` of Helm v4.1.4. */
export class HelmBuildInfo extends GoStructObject {
  readonly goType = "version.BuildInfo";
  structFields(): readonly StructField[] {
    return HELM_BUILD.map(([goName, jsonName, value]) => ({ goName, jsonName, omitEmpty: true, value }));
  }
}

/** `.Capabilities` (`*common.Capabilities`; no json tags). */
export class Capabilities extends GoStructObject {
  readonly goType = "*common.Capabilities";
  override readonly goKind = "ptr";
  readonly helmVersion = new HelmBuildInfo();
  constructor(
    readonly kubeVersion: KubeVersion,
    readonly apiVersions: VersionSet,
  ) {
    super();
  }
  structFields(): readonly StructField[] {
    return [untagged("KubeVersion", this.kubeVersion), untagged("APIVersions", this.apiVersions), untagged("HelmVersion", this.helmVersion)];
  }
  override format(): string {
    return `&${super.format()}`;
  }
  /** The executor prints what the pointer points to. */
  override printed(): string {
    return super.format();
  }
}

/** `.Capabilities` for `helm template` with --kube-version/--api-versions. Throws FuncError on a bad version. */
export function capabilitiesObject(kubeVersion: string | undefined, extraApiVersions: readonly string[] = []): Capabilities {
  const kv = parseKubeVersion(kubeVersion || DEFAULT_KUBE_VERSION);
  return new Capabilities(kv, new VersionSet([...DEFAULT_API_VERSIONS, ...extraApiVersions]));
}
