"use strict";
// Jest transformer that uses the same esbuild transpilation as the gate.
const { transpile } = require("../gate/ts-hook");

module.exports = {
    process(source, filename) {
        return { code: transpile(source, filename) };
    },
};
