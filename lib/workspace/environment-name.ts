/**
 * Environment names end up in file names (`values-<env>.yaml`), tabs and URLs, so they are lowercase DNS
 * labels like Kubernetes names: safe everywhere, and never confused with the base layer.
 */

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const MAX_LENGTH = 63;

/** Why `name` cannot name a new environment (a full sentence), or null when it can. */
export function environmentNameProblem(name: string, existing: readonly string[] = []): string | null {
  if (name === "") return "Enter a name for the environment.";
  if (name.length > MAX_LENGTH) return `An environment name has at most ${MAX_LENGTH} characters.`;
  if (!NAME.test(name)) return "Use lowercase letters, digits and dashes, starting and ending with a letter or digit.";
  if (name === "base") return "\"base\" is the shared layer under every environment; choose another name.";
  if (existing.includes(name)) return `There is already an environment named "${name}".`;
  return null;
}
