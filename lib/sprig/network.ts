/** Helm replaces Sprig's getHostByName with a stub: `helm template` does no DNS lookups. */
import { goFunc } from "../template/value";

export const networkFuncs = {
  getHostByName: goFunc(["string"], () => ""),
};
