"use strict";
// Lets Node require TypeScript files by transpiling them with esbuild (no type check: `npm run
// typecheck` does that once for the whole tree). Used by the `readiness` binary, the policy pack
// host and jest, so that a program and a pack run the same code in all three.
const fs = require("fs");
const path = require("path");
const esbuild = require("esbuild");

const OPTIONS = { format: "cjs", target: "node20", sourcemap: "inline" };

function transpile(source, filename) {
    return esbuild.transformSync(source, { ...OPTIONS, loader: filename.endsWith(".tsx") ? "tsx" : "ts", sourcefile: filename }).code;
}

// Each call to esbuild is a round trip to its service process: a pack of two hundred rule files
// spent more time in those round trips than in transpiling. The first file required from a
// directory has the whole directory transpiled in one call (rules, components and their
// helpers live side by side); the code of each file is then taken when it is required.
const transpiledDirectories = new Set();
const ready = new Map();

function transpileDirectory(dir) {
    transpiledDirectories.add(dir);
    let files;
    try {
        files = fs
            .readdirSync(dir)
            .filter((name) => /\.tsx?$/.test(name) && !name.endsWith(".d.ts"))
            .map((name) => path.join(dir, name));
    } catch {
        return;
    }
    if (files.length < 2) {
        return;
    }
    let result;
    try {
        // tsconfigRaw: the same settings as transformSync, whatever tsconfig.json sits nearby.
        result = esbuild.buildSync({ ...OPTIONS, entryPoints: files, outdir: dir, outbase: dir, write: false, bundle: false, platform: "node", tsconfigRaw: "{}", logLevel: "silent" });
    } catch {
        return; // A file that does not compile is reported when it is required, on its own.
    }
    for (const output of result.outputFiles) {
        const base = output.path.slice(0, -".js".length);
        const source = files.find((file) => file === `${base}.ts` || file === `${base}.tsx`);
        if (source) {
            ready.set(source, output.text);
        }
    }
}

function load(module, filename) {
    const dir = path.dirname(filename);
    if (!transpiledDirectories.has(dir)) {
        transpileDirectory(dir);
    }
    const code = ready.get(filename);
    ready.delete(filename);
    module._compile(code ?? transpile(fs.readFileSync(filename, "utf8"), filename), filename);
}

function register() {
    if (require.extensions[".ts"]) {
        return;
    }
    require.extensions[".ts"] = load;
    require.extensions[".tsx"] = load;
    // Source maps are turned on by whoever needs TypeScript positions (the `readiness` binary):
    // mapping every stack the Pulumi SDK takes is costly, so that is its call.
}

module.exports = { register, transpile };
