import { goQuote } from "../../template/token";

export { goQuote };

/** Go's `%q` of a `[]rune` (strvals quotes its rune slices this way): `['x' 'y']`. */
export const goQuoteRunes = (s: string): string =>
  `[${Array.from(s, (r) => `'${goQuote(r).slice(1, -1).replace('\\"', '"').replace("'", "\\'")}'`).join(" ")}]`;
