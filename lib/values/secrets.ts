/**
 * The values that hold credentials, from the model's `secret: true` metadata. Forms mask these,
 * exports can redact them, and the review flags them when they are set in plain values.
 */
import { valueFields } from "./fields";

/** Dotted paths of every secret value, in values.yaml order. */
export const SECRET_PATHS: readonly string[] = valueFields()
  .filter((f) => f.secret)
  .map((f) => f.path);

/** Whether a dotted values path is a secret. */
export function isSecretPath(path: string): boolean {
  return SECRET_PATHS.includes(path);
}
