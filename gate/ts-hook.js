"use strict";
// Lets Node require TypeScript files by transpiling them with esbuild (no type check: `npm run
// typecheck` does that once for the whole tree). Used by the `readiness` binary, the policy pack
// host and jest, so that a program and a pack run the same code in all three.
const fs = require("fs");
const esbuild = require("esbuild");

function transpile(source, filename) {
    return esbuild.transformSync(source, {
        loader: filename.endsWith(".tsx") ? "tsx" : "ts",
        format: "cjs",
        target: "node20",
        sourcemap: "inline",
        sourcefile: filename,
    }).code;
}

function register() {
    if (require.extensions[".ts"]) {
        return;
    }
    const load = (module, filename) => {
        module._compile(transpile(fs.readFileSync(filename, "utf8"), filename), filename);
    };
    require.extensions[".ts"] = load;
    require.extensions[".tsx"] = load;
    // Source-mapped stack traces (TypeScript lines) are turned on by whoever prints traces: the
    // Pulumi SDK captures a stack for every promise it makes, and mapping each one costs more
    // than the program itself.
}

module.exports = { register, transpile };
