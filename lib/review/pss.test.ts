import { describe, expect, it } from "vitest";
import { checkPodSecurity, isPodBearing, type PssControl } from "./pss";

type Obj = Record<string, unknown>;

/** A pod spec that satisfies "restricted"; each case below breaks exactly one control. */
function goodSpec(): Obj {
  return {
    securityContext: { runAsNonRoot: true, runAsUser: 65532, seccompProfile: { type: "RuntimeDefault" } },
    initContainers: [{ name: "wait", image: "busybox:1.36", securityContext: restrictedContainer() }],
    containers: [{ name: "app", image: "app:1", ports: [{ containerPort: 8080 }], securityContext: restrictedContainer() }],
    volumes: [
      { name: "tmp", emptyDir: {} },
      { name: "cfg", configMap: { name: "cfg" } },
      { name: "sec", secret: { secretName: "s" } },
      { name: "data", persistentVolumeClaim: { claimName: "d" } },
    ],
  };
}
function restrictedContainer(): Obj {
  return { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } };
}
const pod = (spec: Obj, metadata: Obj = {}): Obj => ({ apiVersion: "v1", kind: "Pod", metadata: { name: "p", ...metadata }, spec });
const app = (spec: Obj) => (spec.containers as Obj[])[0] as Obj;
const appSc = (spec: Obj) => app(spec).securityContext as Obj;

describe("review/pss", () => {
  it("passes a restricted pod", () => {
    expect(checkPodSecurity(pod(goodSpec()))).toEqual([]);
  });

  it("accepts container-level settings instead of pod-level ones", () => {
    const spec = goodSpec();
    spec.securityContext = {};
    for (const c of [...(spec.containers as Obj[]), ...(spec.initContainers as Obj[])]) {
      Object.assign(c.securityContext as Obj, { runAsNonRoot: true, seccompProfile: { type: "Localhost", localhostProfile: "p.json" } });
    }
    expect(checkPodSecurity(pod(spec))).toEqual([]);
  });

  it("allows adding NET_BIND_SERVICE and safe sysctls", () => {
    const spec = goodSpec();
    (appSc(spec).capabilities as Obj).add = ["NET_BIND_SERVICE"];
    (spec.securityContext as Obj).sysctls = [{ name: "net.ipv4.ip_unprivileged_port_start", value: "0" }];
    expect(checkPodSecurity(pod(spec))).toEqual([]);
  });

  const violations: Array<[string, PssControl, "baseline" | "restricted", string, (spec: Obj, meta: Obj) => void]> = [
    ["hostProcess", "hostProcess", "baseline", "/spec/securityContext/windowsOptions/hostProcess", (s) => {
      (s.securityContext as Obj).windowsOptions = { hostProcess: true };
    }],
    ["hostNetwork", "hostNamespaces", "baseline", "/spec/hostNetwork", (s) => { s.hostNetwork = true; }],
    ["hostPID", "hostNamespaces", "baseline", "/spec/hostPID", (s) => { s.hostPID = true; }],
    ["hostIPC", "hostNamespaces", "baseline", "/spec/hostIPC", (s) => { s.hostIPC = true; }],
    ["a privileged container", "privileged", "baseline", "/spec/containers/0/securityContext/privileged", (s) => { appSc(s).privileged = true; }],
    ["adding SYS_ADMIN", "capabilities", "baseline", "/spec/containers/0/securityContext/capabilities/add/0", (s) => {
      (appSc(s).capabilities as Obj).add = ["SYS_ADMIN"];
    }],
    ["a hostPath volume", "hostPathVolumes", "baseline", "/spec/volumes/4/hostPath", (s) => {
      (s.volumes as Obj[]).push({ name: "h", hostPath: { path: "/var/run" } });
    }],
    ["a host port", "hostPorts", "baseline", "/spec/containers/0/ports/0/hostPort", (s) => {
      (app(s).ports as Obj[])[0]!.hostPort = 8080;
    }],
    ["an unconfined AppArmor profile", "appArmor", "baseline", "/spec/containers/0/securityContext/appArmorProfile/type", (s) => {
      appSc(s).appArmorProfile = { type: "Unconfined" };
    }],
    ["an unconfined AppArmor annotation", "appArmor", "baseline", "/metadata/annotations/container.apparmor.security.beta.kubernetes.io~1app", (_, m) => {
      m.annotations = { "container.apparmor.security.beta.kubernetes.io/app": "unconfined" };
    }],
    ["a custom SELinux type", "seLinux", "baseline", "/spec/securityContext/seLinuxOptions/type", (s) => {
      (s.securityContext as Obj).seLinuxOptions = { type: "spc_t" };
    }],
    ["a SELinux user", "seLinux", "baseline", "/spec/initContainers/0/securityContext/seLinuxOptions/user", (s) => {
      ((s.initContainers as Obj[])[0]!.securityContext as Obj).seLinuxOptions = { user: "root" };
    }],
    ["an unmasked /proc", "procMount", "baseline", "/spec/containers/0/securityContext/procMount", (s) => { appSc(s).procMount = "Unmasked"; }],
    ["an Unconfined seccomp profile", "seccomp", "baseline", "/spec/securityContext/seccompProfile/type", (s) => {
      (s.securityContext as Obj).seccompProfile = { type: "Unconfined" };
    }],
    ["an unsafe sysctl", "sysctls", "baseline", "/spec/securityContext/sysctls/0/name", (s) => {
      (s.securityContext as Obj).sysctls = [{ name: "kernel.msgmax", value: "1" }];
    }],
    ["an nfs volume", "volumeTypes", "restricted", "/spec/volumes/4", (s) => {
      (s.volumes as Obj[]).push({ name: "n", nfs: { server: "x", path: "/" } });
    }],
    ["allowPrivilegeEscalation left unset", "privilegeEscalation", "restricted", "/spec/containers/0/securityContext/allowPrivilegeEscalation", (s) => {
      delete appSc(s).allowPrivilegeEscalation;
    }],
    ["runAsNonRoot missing everywhere", "runAsNonRoot", "restricted", "/spec/initContainers/0/securityContext/runAsNonRoot", (s) => {
      delete (s.securityContext as Obj).runAsNonRoot;
    }],
    ["a container that overrides runAsNonRoot to false", "runAsNonRoot", "restricted", "/spec/containers/0/securityContext/runAsNonRoot", (s) => {
      appSc(s).runAsNonRoot = false;
    }],
    ["runAsUser 0 in a container", "runAsUser", "restricted", "/spec/containers/0/securityContext/runAsUser", (s) => { appSc(s).runAsUser = 0; }],
    ["no seccomp profile anywhere", "seccompRestricted", "restricted", "/spec/initContainers/0/securityContext/seccompProfile/type", (s) => {
      delete (s.securityContext as Obj).seccompProfile;
    }],
    ["capabilities not dropped", "capabilitiesRestricted", "restricted", "/spec/containers/0/securityContext/capabilities/drop", (s) => {
      (appSc(s).capabilities as Obj).drop = ["NET_RAW"];
    }],
    ["adding CHOWN (baseline-safe, not restricted)", "capabilitiesRestricted", "restricted", "/spec/containers/0/securityContext/capabilities/add/0", (s) => {
      (appSc(s).capabilities as Obj).add = ["CHOWN"];
    }],
  ];

  it.each(violations)("rejects %s", (_, control, level, path, breakIt) => {
    const spec = goodSpec();
    const meta: Obj = {};
    breakIt(spec, meta);
    const findings = checkPodSecurity(pod(spec, meta));
    expect(findings.length).toBeGreaterThan(0);
    expect(findings[0]).toMatchObject({ code: "PSS_VIOLATION", control, level, kind: "Pod", name: "p", path });
    // Baseline violations are reported at the baseline level too; restricted-only ones are not.
    expect(checkPodSecurity(pod(spec, meta), "baseline").length > 0).toBe(level === "baseline");
  });

  it("reports a violation once, at the level that forbids it", () => {
    const spec = goodSpec();
    (appSc(spec).capabilities as Obj).add = ["SYS_ADMIN"];
    appSc(spec).seccompProfile = { type: "Unconfined" };
    expect(checkPodSecurity(pod(spec)).map((f) => f.control).sort()).toEqual(["capabilities", "seccomp"]);
  });

  it("exempts windows pods from the Linux-only restricted controls", () => {
    const spec = goodSpec();
    spec.os = { name: "windows" };
    spec.securityContext = { runAsNonRoot: true };
    for (const c of [...(spec.containers as Obj[]), ...(spec.initContainers as Obj[])]) c.securityContext = {};
    expect(checkPodSecurity(pod(spec))).toEqual([]);
  });

  const workloads: Array<[string, (spec: Obj) => Obj, string]> = [
    ["Deployment", (spec) => ({ kind: "Deployment", spec: { template: { spec } } }), "/spec/template/spec/containers/0"],
    ["StatefulSet", (spec) => ({ kind: "StatefulSet", spec: { template: { spec } } }), "/spec/template/spec/containers/0"],
    ["DaemonSet", (spec) => ({ kind: "DaemonSet", spec: { template: { spec } } }), "/spec/template/spec/containers/0"],
    ["ReplicaSet", (spec) => ({ kind: "ReplicaSet", spec: { template: { spec } } }), "/spec/template/spec/containers/0"],
    ["Job", (spec) => ({ kind: "Job", spec: { template: { spec } } }), "/spec/template/spec/containers/0"],
    ["CronJob", (spec) => ({ kind: "CronJob", spec: { jobTemplate: { spec: { template: { spec } } } } }), "/spec/jobTemplate/spec/template/spec/containers/0"],
  ];
  it.each(workloads)("checks the pod template of a %s", (kind, wrap, containerPath) => {
    expect(isPodBearing(kind)).toBe(true);
    expect(checkPodSecurity({ ...wrap(goodSpec()), metadata: { name: "w" } })).toEqual([]);
    const bad = goodSpec();
    appSc(bad).privileged = true;
    const findings = checkPodSecurity({ ...wrap(bad), metadata: { name: "w" } });
    expect(findings).toEqual([
      expect.objectContaining({ kind, name: "w", control: "privileged", path: `${containerPath}/securityContext/privileged` }),
    ]);
  });

  it("ignores objects that carry no pod", () => {
    expect(isPodBearing("Service")).toBe(false);
    expect(checkPodSecurity({ kind: "Service", metadata: { name: "s" }, spec: { hostNetwork: true } })).toEqual([]);
    expect(checkPodSecurity("text")).toEqual([]);
  });
});
