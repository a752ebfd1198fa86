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
require("./lazy-modules").deferSdkModules();
rememberStructConversions(dir);
process.chdir(dir);
require(dir);

/**
 * For every stack policy, @pulumi/policy converts every resource of the AnalyzeStack request from
 * protobuf again (Struct.toJavaScript, then a deep copy of its own): with hundreds of policies
 * that conversion is most of the pack's time. The plain object a Struct converts to is only ever
 * read and deep-copied, so the pack's Struct class remembers it per Struct instance; each policy
 * still gets its own copy, exactly as before.
 */
function rememberStructConversions(packDir) {
    let Struct;
    try {
        const policy = path.dirname(require.resolve("@pulumi/policy", { paths: [packDir] }));
        const pulumi = path.dirname(require.resolve("@pulumi/pulumi", { paths: [policy] }));
        Struct = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [pulumi] })).Struct;
    } catch {
        return; // A layout we do not know: the pack runs unchanged, only slower.
    }
    const convert = Struct.prototype.toJavaScript;
    const converted = new WeakMap();
    Struct.prototype.toJavaScript = function toJavaScript() {
        let value = converted.get(this);
        if (value === undefined) {
            value = convert.call(this);
            converted.set(this, value);
        }
        return value;
    };
}
