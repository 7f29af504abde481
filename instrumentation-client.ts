// Runs before the studio's own code. zod's object schemas otherwise probe `new Function("")` once to see
// whether they may compile fast parsers; under the policy of proxy.ts (no 'unsafe-eval') that probe is a
// reported CSP violation even though zod catches the error. The interpreted parsers are fast enough here.
import { config } from "zod";

config({ jitless: true });
