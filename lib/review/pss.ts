/**
 * Pod Security Standards checker ("baseline" and "restricted"), written from the Kubernetes PSS
 * specification (https://kubernetes.io/docs/concepts/security/pod-security-standards/, v1.35).
 *
 * It looks at the pod template of any pod-bearing workload, so a chart can be judged before any pod
 * exists. Each violation names the control, so the UI and tests can match on it instead of on prose.
 */
import type { ReviewFinding } from "./k8s-schema";
import { POD_TEMPLATE } from "./object-readers";

export type PssLevel = "baseline" | "restricted";

/** The controls of the standard; the first eleven are baseline, the rest are added by restricted. */
export type PssControl =
  | "hostProcess"
  | "hostNamespaces"
  | "privileged"
  | "capabilities"
  | "hostPathVolumes"
  | "hostPorts"
  | "appArmor"
  | "seLinux"
  | "procMount"
  | "seccomp"
  | "sysctls"
  | "volumeTypes"
  | "privilegeEscalation"
  | "runAsNonRoot"
  | "runAsUser"
  | "seccompRestricted"
  | "capabilitiesRestricted";

export interface PssFinding extends ReviewFinding {
  code: "PSS_VIOLATION";
  control: PssControl;
  level: PssLevel;
}

type Obj = Record<string, unknown>;

const BASELINE_CAPABILITIES = new Set([
  "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE",
  "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
]);
const SAFE_SYSCTLS = new Set([
  "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start",
  "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports",
  "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl",
  "net.ipv4.tcp_keepalive_probes", "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem",
]);
const SELINUX_TYPES = new Set(["", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"]);
const RESTRICTED_VOLUME_TYPES = new Set([
  "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret",
]);
const APPARMOR_ANNOTATION = "container.apparmor.security.beta.kubernetes.io/";

/** Whether this kind carries a pod template that PSS admission would judge. */
export const isPodBearing = (kind: string): boolean => kind in POD_TEMPLATE;

/** Checks one rendered object; objects that carry no pod give no findings. */
export function checkPodSecurity(obj: unknown, level: PssLevel = "restricted"): PssFinding[] {
  if (!isObj(obj) || typeof obj.kind !== "string" || !isPodBearing(obj.kind)) return [];
  const kind = obj.kind;
  const name = isObj(obj.metadata) && typeof obj.metadata.name === "string" ? obj.metadata.name : "";
  const templatePath = POD_TEMPLATE[kind] ?? [];
  const template = dig(obj, templatePath);
  const base = "/" + templatePath.map((s) => s + "/").join("");
  const findings: PssFinding[] = [];
  const report = (control: PssControl, controlLevel: PssLevel, path: string, message: string) => {
    findings.push({ severity: "error", code: "PSS_VIOLATION", kind, name, path: base + path, message, control, level: controlLevel });
  };
  const metadata = isObj(template) && isObj(template.metadata) ? template.metadata : {};
  const spec = isObj(template) && isObj(template.spec) ? template.spec : {};
  checkBaseline(metadata, spec, report);
  // Windows pods are exempt from the Linux-only restricted controls, as in the standard.
  if (level === "restricted") checkRestricted(spec, isObj(spec.os) && spec.os.name === "windows", report);
  return findings;
}

type Report = (control: PssControl, level: PssLevel, path: string, message: string) => void;

interface ContainerRef {
  path: string;
  c: Obj;
  sc: Obj;
}

function containersOf(spec: Obj): ContainerRef[] {
  const refs: ContainerRef[] = [];
  for (const field of ["initContainers", "containers", "ephemeralContainers"]) {
    const list = spec[field];
    if (!Array.isArray(list)) continue;
    list.forEach((c, i) => {
      if (isObj(c)) refs.push({ path: `spec/${field}/${i}`, c, sc: isObj(c.securityContext) ? c.securityContext : {} });
    });
  }
  return refs;
}

function checkBaseline(metadata: Obj, spec: Obj, report: Report): void {
  const psc = isObj(spec.securityContext) ? spec.securityContext : {};
  const containers = containersOf(spec);
  const b = (control: PssControl, path: string, message: string) => report(control, "baseline", path, message);

  if (isObj(psc.windowsOptions) && psc.windowsOptions.hostProcess === true) {
    b("hostProcess", "spec/securityContext/windowsOptions/hostProcess", "hostProcess must not be true");
  }
  for (const ns of ["hostNetwork", "hostPID", "hostIPC"]) {
    if (spec[ns] === true) b("hostNamespaces", `spec/${ns}`, `${ns} must not be true`);
  }
  checkSecurityOptions(psc, "spec/securityContext", b);
  if (Array.isArray(psc.sysctls)) {
    psc.sysctls.forEach((s, i) => {
      const n = isObj(s) ? s.name : undefined;
      if (typeof n !== "string" || !SAFE_SYSCTLS.has(n)) b("sysctls", `spec/securityContext/sysctls/${i}/name`, `sysctl ${String(n)} is not in the safe set`);
    });
  }
  for (const [key, value] of Object.entries(isObj(metadata.annotations) ? metadata.annotations : {})) {
    if (!key.startsWith(APPARMOR_ANNOTATION)) continue;
    if (value !== "runtime/default" && !(typeof value === "string" && value.startsWith("localhost/"))) {
      b("appArmor", `metadata/annotations/${pointerEscape(key)}`, `AppArmor profile ${String(value)} is not runtime/default or localhost/*`);
    }
  }
  const volumes = Array.isArray(spec.volumes) ? spec.volumes : [];
  volumes.forEach((v, i) => {
    if (isObj(v) && v.hostPath != null) b("hostPathVolumes", `spec/volumes/${i}/hostPath`, `volume ${String(v.name)} must not be a hostPath`);
  });
  for (const { path, c, sc } of containers) {
    if (isObj(sc.windowsOptions) && sc.windowsOptions.hostProcess === true) {
      b("hostProcess", `${path}/securityContext/windowsOptions/hostProcess`, "hostProcess must not be true");
    }
    if (sc.privileged === true) b("privileged", `${path}/securityContext/privileged`, `container ${String(c.name)} must not be privileged`);
    const add = isObj(sc.capabilities) && Array.isArray(sc.capabilities.add) ? sc.capabilities.add : [];
    add.forEach((cap, i) => {
      if (typeof cap !== "string" || !BASELINE_CAPABILITIES.has(cap)) {
        b("capabilities", `${path}/securityContext/capabilities/add/${i}`, `capability ${String(cap)} is beyond the default set`);
      }
    });
    const ports = Array.isArray(c.ports) ? c.ports : [];
    ports.forEach((p, i) => {
      if (isObj(p) && p.hostPort !== undefined && p.hostPort !== 0) b("hostPorts", `${path}/ports/${i}/hostPort`, "hostPort must be 0 or unset");
    });
    if (sc.procMount !== undefined && sc.procMount !== "Default") {
      b("procMount", `${path}/securityContext/procMount`, `procMount must be Default, not ${String(sc.procMount)}`);
    }
    checkSecurityOptions(sc, `${path}/securityContext`, b);
  }
}

// The options that pod and container security contexts share: AppArmor, SELinux and (baseline) seccomp.
function checkSecurityOptions(sc: Obj, path: string, b: (control: PssControl, path: string, message: string) => void): void {
  if (isObj(sc.appArmorProfile)) {
    const t = sc.appArmorProfile.type;
    if (t !== undefined && t !== "RuntimeDefault" && t !== "Localhost") {
      b("appArmor", `${path}/appArmorProfile/type`, `AppArmor profile type ${String(t)} is not allowed`);
    }
  }
  if (isObj(sc.seLinuxOptions)) {
    const o = sc.seLinuxOptions;
    if (o.type !== undefined && !SELINUX_TYPES.has(String(o.type))) b("seLinux", `${path}/seLinuxOptions/type`, `SELinux type ${String(o.type)} is not allowed`);
    for (const f of ["user", "role"]) {
      if (o[f] !== undefined && o[f] !== "") b("seLinux", `${path}/seLinuxOptions/${f}`, `SELinux ${f} must not be set`);
    }
  }
  if (isObj(sc.seccompProfile) && sc.seccompProfile.type === "Unconfined") {
    b("seccomp", `${path}/seccompProfile/type`, "seccomp profile must not be Unconfined");
  }
}

function checkRestricted(spec: Obj, windows: boolean, report: Report): void {
  const psc = isObj(spec.securityContext) ? spec.securityContext : {};
  const containers = containersOf(spec);
  const r = (control: PssControl, path: string, message: string) => report(control, "restricted", path, message);

  const volumes = Array.isArray(spec.volumes) ? spec.volumes : [];
  volumes.forEach((v, i) => {
    if (!isObj(v)) return;
    const types = Object.keys(v).filter((k) => k !== "name" && v[k] != null);
    const bad = types.filter((t) => !RESTRICTED_VOLUME_TYPES.has(t));
    if (bad.length > 0 || types.length === 0) {
      r("volumeTypes", `spec/volumes/${i}`, `volume ${String(v.name)} has type ${bad.join(", ") || "(none)"}, which restricted does not allow`);
    }
  });

  const podNonRoot = psc.runAsNonRoot === true;
  if (psc.runAsNonRoot === false) r("runAsNonRoot", "spec/securityContext/runAsNonRoot", "runAsNonRoot must not be false");
  if (psc.runAsUser === 0) r("runAsUser", "spec/securityContext/runAsUser", "runAsUser must not be 0");
  const podSeccomp = isObj(psc.seccompProfile) ? psc.seccompProfile.type : undefined;
  const seccompOk = (t: unknown) => t === "RuntimeDefault" || t === "Localhost";
  // An Unconfined profile is already a baseline violation; restricted reports only what baseline allows.
  if (!windows && podSeccomp !== undefined && podSeccomp !== "Unconfined" && !seccompOk(podSeccomp)) {
    r("seccompRestricted", "spec/securityContext/seccompProfile/type", `seccomp profile must be RuntimeDefault or Localhost, not ${String(podSeccomp)}`);
  }

  for (const { path, c, sc } of containers) {
    const cname = String(c.name);
    const scPath = `${path}/securityContext`;
    if (sc.runAsNonRoot === false || (sc.runAsNonRoot !== true && !podNonRoot)) {
      r("runAsNonRoot", `${scPath}/runAsNonRoot`, `container ${cname} must set runAsNonRoot: true (or the pod must)`);
    }
    if (sc.runAsUser === 0) r("runAsUser", `${scPath}/runAsUser`, `container ${cname} must not run as UID 0`);
    if (windows) continue;
    if (sc.allowPrivilegeEscalation !== false) {
      r("privilegeEscalation", `${scPath}/allowPrivilegeEscalation`, `container ${cname} must set allowPrivilegeEscalation: false`);
    }
    const t = isObj(sc.seccompProfile) ? sc.seccompProfile.type : undefined;
    if (t === undefined ? podSeccomp === undefined : t !== "Unconfined" && !seccompOk(t)) {
      r("seccompRestricted", `${scPath}/seccompProfile/type`, `container ${cname} must use seccomp RuntimeDefault or Localhost (or the pod must)`);
    }
    const caps = isObj(sc.capabilities) ? sc.capabilities : {};
    const drop = Array.isArray(caps.drop) ? caps.drop : [];
    if (!drop.includes("ALL")) r("capabilitiesRestricted", `${scPath}/capabilities/drop`, `container ${cname} must drop ALL capabilities`);
    const add = Array.isArray(caps.add) ? caps.add : [];
    add.forEach((cap, i) => {
      if (cap !== "NET_BIND_SERVICE" && BASELINE_CAPABILITIES.has(String(cap))) r("capabilitiesRestricted", `${scPath}/capabilities/add/${i}`, `container ${cname} may only add NET_BIND_SERVICE, not ${String(cap)}`);
    });
  }
}

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function dig(o: unknown, path: readonly string[]): unknown {
  let cur = o;
  for (const seg of path) cur = isObj(cur) ? cur[seg] : undefined;
  return cur;
}

// RFC 6901: "~" and "/" inside a key are escaped so the pointer stays unambiguous.
function pointerEscape(key: string): string {
  return key.replaceAll("~", "~0").replaceAll("/", "~1");
}
