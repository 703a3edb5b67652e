#!/usr/bin/env node
// The compiled CLI: build/ comes from `npm run build`, which `npm pack` runs (prepack); in a clone, run it once.
process.exitCode = require('../build/lib/lint/cli').main(process.argv.slice(2));
