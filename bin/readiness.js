#!/usr/bin/env node
"use strict";
// Entry point of `npx readiness`: the gate is TypeScript, transpiled on load by esbuild.
require("../gate/ts-hook").register();
require("../gate/lazy-modules").deferSdkModules();
// Positions point at TypeScript lines (the resources' source positions in reports, traces).
// Stack traces are printed with --verbose only, and only then collected: the Pulumi SDK takes a
// stack for every promise it makes, which otherwise costs more than the program itself (it
// still finds each resource's position, raising the limit for that one trace).
process.setSourceMapsEnabled(true);
if (!process.argv.includes("--verbose")) {
    Error.stackTraceLimit = 0;
}
const { main } = require("../gate/cli.ts");

// A reader that stops early (`readiness catalog | head`) is not an error of ours.
process.stdout.on("error", (error) => {
    if (error.code !== "EPIPE") {
        throw error;
    }
});

// Exit once stdout has drained: a report piped to another program must arrive whole.
const exit = (code) => process.stdout.write("", () => process.exit(code));

main(process.argv.slice(2)).then(
    exit,
    (error) => {
        process.stderr.write(`readiness: internal error: ${error && error.message}\n`);
        exit(2);
    },
);
