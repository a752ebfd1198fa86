"use strict";
// The Pulumi SDK requires TypeScript's compiler and npm's Arborist as soon as it is loaded, for
// one feature: serializing JavaScript functions into Lambda code. Together they are a third of
// the SDK's load time, paid by the gate and by every pack process. Here each loads when the SDK
// first uses it; until then the SDK holds a stand-in that forwards to the real module.
const Module = require("module");

/** Module -> the SDK file that requires it. */
const DEFERRED = {
    typescript: /[\\/]@pulumi[\\/]pulumi[\\/]typescript-shim\.js$/,
    "@npmcli/arborist": /[\\/]@pulumi[\\/]pulumi[\\/]runtime[\\/]closure[\\/]codePaths\.js$/,
};

function deferSdkModules() {
    const load = Module._load;
    Module._load = function deferringLoad(request, parent, isMain) {
        const from = DEFERRED[request];
        if (!from || !parent || !from.test(parent.filename || "")) {
            return load.apply(this, arguments);
        }
        // Resolve now: a module that is not installed fails here, as the SDK expects (its
        // TypeScript shim then falls back to the copy it vendors).
        Module._resolveFilename(request, parent, isMain);
        let real;
        const target = () => (real = real || load.call(Module, request, parent, false));
        return new Proxy(
            {},
            {
                // Arborist is imported through TypeScript's __importStar, which would copy every
                // export (and so load it) unless the module says it is already an ES module.
                get: (_stub, key) => (key === "__esModule" && request === "@npmcli/arborist" && real === undefined ? true : target()[key]),
                has: (_stub, key) => key in target(),
                ownKeys: () => Reflect.ownKeys(target()),
                getOwnPropertyDescriptor: (_stub, key) => {
                    const descriptor = Reflect.getOwnPropertyDescriptor(target(), key);
                    return descriptor && { ...descriptor, configurable: true };
                },
            },
        );
    };
}

module.exports = { deferSdkModules };
