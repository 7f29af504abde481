/**
 * Numbers as santhosh's messages print them: through golang.org/x/text/message with English, which
 * groups thousands (`12,345.5`) and writes the exponent form as `1.234567×10⁰⁶` where Go's %v would
 * write `1.234567e+06` (same switch point: exponent < -4 or >= 6).
 */

const SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";

const group = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** `%d` of an int. */
export const formatInt = (n: number): string => (n < 0 ? `-${group(String(-n))}` : group(String(n)));

/** `%v` of a float64. */
export function formatFloatLocalized(f: number): string {
  if (Number.isNaN(f)) return "NaN";
  if (!Number.isFinite(f)) return f > 0 ? "∞" : "-∞";
  if (f === 0) return "0";
  const [mant = "", expText = "0"] = f.toExponential().split("e");
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const digits = String(Math.abs(exp)).padStart(2, "0");
    const sup = Array.from(digits, (d) => SUPERSCRIPT[Number(d)]).join("");
    return `${mant}×10${exp < 0 ? "⁻" : ""}${sup}`;
  }
  const [int = "", frac] = String(Math.abs(f)).split(".");
  return `${f < 0 ? "-" : ""}${group(int)}${frac !== undefined ? `.${frac}` : ""}`;
}
