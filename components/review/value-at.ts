// Reading the chart's default values by dotted path (a render error's or a finding's values path is named
// only when the chart has it).
import { isGoMap, type Value } from "@/lib/template/value";

/** The lookup of dotted values paths in `values` (undefined where there is nothing). */
export function valueAt(values: Value | undefined): (path: string) => unknown {
  return (path) => {
    let cur = values;
    for (const k of path.split(".")) cur = isGoMap(cur) ? cur.get(k) : undefined;
    return cur;
  };
}
