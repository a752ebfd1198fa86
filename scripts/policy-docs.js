#!/usr/bin/env node
"use strict";
// `npm run docs`: writes docs/policies/<checklist>.md for every kit pack that has rules, from its
// registry (policies/lib/docs.ts).
const fs = require("fs");
const path = require("path");
require("../gate/ts-hook").register();
const { kitRegistries } = require("../gate/catalog.ts");
const { renderPolicyDocs } = require("../policies/lib/docs.ts");

const outDir = path.join(__dirname, "..", "docs", "policies");
fs.mkdirSync(outDir, { recursive: true });
for (const registry of kitRegistries()) {
    if (registry.all().length === 0) {
        continue;
    }
    const file = path.join(outDir, `${registry.checklist}.md`);
    fs.writeFileSync(file, renderPolicyDocs(registry));
    process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
}
