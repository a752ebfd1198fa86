"use strict";
module.exports = {
    testEnvironment: "node",
    roots: ["<rootDir>/test"],
    testMatch: ["**/*.test.ts"],
    transform: { "^.+\\.tsx?$": "<rootDir>/test/jest-transform.js" },
    moduleFileExtensions: ["ts", "js", "json"],
    testTimeout: 120000,
    // Pulumi mocks keep global runtime state: one worker per CPU, fresh module registry per file.
    maxWorkers: 2,
};
