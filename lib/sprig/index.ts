/**
 * The Sprig v3.3.0 function map as Helm v4.1.4 exposes it: the whole TxtFuncMap minus `env` and
 * `expandenv` (Helm deletes them), with `getHostByName` as Helm's DNS-free stub. Helm's own
 * functions (include, tpl, required, fail, toYaml, Helm's toJson…) are added by lib/helm on top.
 */
import { goFunc, type GoFunc } from "../template/value";
import { certificateFuncs } from "./certificates";
import { conversionFuncs } from "./conversion";
import { cryptoFuncs } from "./crypto";
import { dateFuncs } from "./dates";
import { defaultFuncs } from "./defaults";
import { dictFuncs } from "./dicts";
import { encodingFuncs } from "./encoding";
import { jsonFuncs } from "./json";
import { listFuncs } from "./lists";
import { mathFuncs } from "./math";
import { networkFuncs } from "./network";
import { pathFuncs } from "./paths";
import { randomFuncs } from "./random";
import { reflectFuncs } from "./reflect";
import { regexFuncs } from "./regex";
import { semverFuncs } from "./semver";
import { stringFuncs } from "./strings";
import { urlFuncs } from "./urls";

const families: Record<string, GoFunc>[] = [
  { hello: goFunc([], () => "Hello!") },
  stringFuncs,
  conversionFuncs,
  mathFuncs,
  defaultFuncs,
  jsonFuncs,
  encodingFuncs,
  reflectFuncs,
  listFuncs,
  dictFuncs,
  dateFuncs,
  pathFuncs,
  cryptoFuncs,
  certificateFuncs,
  randomFuncs,
  semverFuncs,
  regexFuncs,
  urlFuncs,
  networkFuncs,
];

/** A fresh name → function map (callers may add or replace entries). */
export function sprigFuncs(): Map<string, GoFunc> {
  return new Map(families.flatMap((f) => Object.entries(f)));
}

export { marshalJSON, unmarshalJSON, type MarshalOptions } from "./json";
export { isEmpty } from "./defaults";
export { deepCopy, deepEqual } from "./reflect";
export { strval, toFloat64, toInt64 } from "./conversion";
export { GoTime } from "./gotime";
export { Certificate } from "./certificates";
export { SemverVersion, semverCheck } from "./semver";
