import fc from "fast-check";

// Property tests in `npm test` are a fixed slice: the same cases on every run, so CI is reproducible.
// `npm run fuzz` explores with its own seeds and many more runs.
fc.configureGlobal({ seed: 20261125 });
