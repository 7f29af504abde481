/** Helm's TOML functions: toToml (BurntSushi/toml v1.6.0's encoder) and fromToml. */
export { toToml } from "./to-toml";
export { fromToml } from "./from-toml";
