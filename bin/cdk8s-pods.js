#!/usr/bin/env node
// The compiled CLI (npm run build, run by `npm ci` through the prepare script).
process.exitCode = require('../build/lib/lint/cli').main(process.argv.slice(2));
