/**
 * Go's path (base dir clean ext isAbs) and path/filepath (os*) functions. The renderer models
 * a Unix host, so filepath behaves like path with "/" as the separator.
 */
import { goFunc } from "../template/value";

/** path.Clean: the shortest equivalent path ("" → "."). */
export function cleanPath(p: string): string {
  if (p === "") return ".";
  const rooted = p.startsWith("/");
  const out: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length && out[out.length - 1] !== "..") out.pop();
      else if (!rooted) out.push("..");
    } else out.push(part);
  }
  const body = out.join("/");
  return rooted ? "/" + body : body || ".";
}

export function basePath(p: string): string {
  if (p === "") return ".";
  const trimmed = p.replace(/\/+$/, "");
  if (trimmed === "") return "/";
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

export function dirPath(p: string): string {
  return cleanPath(p.slice(0, p.lastIndexOf("/") + 1));
}

export function extPath(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== "/"; i--) if (p[i] === ".") return p.slice(i);
  return "";
}

const isAbs = (p: string): boolean => p.startsWith("/");

export const pathFuncs = {
  base: goFunc(["string"], basePath),
  dir: goFunc(["string"], dirPath),
  clean: goFunc(["string"], cleanPath),
  ext: goFunc(["string"], extPath),
  isAbs: goFunc(["string"], isAbs),
  osBase: goFunc(["string"], basePath),
  osClean: goFunc(["string"], cleanPath),
  osDir: goFunc(["string"], dirPath),
  osExt: goFunc(["string"], extPath),
  osIsAbs: goFunc(["string"], isAbs),
};
