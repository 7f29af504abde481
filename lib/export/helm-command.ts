/** The helm command line that applies an export, shown beside it with a copy button. */

export interface HelmCommandInput {
  release: string;
  namespace: string;
  /** The chart reference: a packaged file (`./developer-mesh-0.1.0.tgz`) or a directory. */
  chart: string;
  /** Values files, in the order Helm must read them. */
  valuesFiles: readonly string[];
  /** `install` gives `helm upgrade --install`; `template` gives `helm template`. Defaults to `install`. */
  action?: "install" | "template";
}

/** POSIX shell quoting: safe words stay bare, anything else goes in single quotes. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9@%+=:,./_-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

export function helmCommand(input: HelmCommandInput): string {
  const verb = input.action === "template" ? ["helm", "template"] : ["helm", "upgrade", "--install"];
  const args = [...verb, input.release, input.chart, "-n", input.namespace, ...input.valuesFiles.flatMap((f) => ["-f", f])];
  return args.map(shellQuote).join(" ");
}
