"use strict";
// Starts a policy pack the way `pulumi-analyzer-policy` does: in the pack's directory (PolicyPack
// reads ./package.json for its version), requiring the pack, whose `new PolicyPack(...)` serves
// the analyzer protocol and prints its port. The only difference from the CLI's launcher is that
// TypeScript is transpiled with esbuild instead of type-checked by ts-node on every run.
const path = require("path");

// The gate holds our stdin open for as long as it runs: when it ends, however abruptly (even
// SIGKILL), stdin closes and the pack goes with it instead of serving forever.
process.stdin.on("end", () => process.exit(0));
process.stdin.on("error", () => process.exit(0));
process.stdin.resume();

const dir = path.resolve(process.argv[2]);
require("./ts-hook").register();
process.chdir(dir);
require(dir);
