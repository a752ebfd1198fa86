// The policy index of a pack, generated from its registry (never written by hand): for every box
// of the checklist, the policy deciding it, how it is verified, its config and what to change.
// `npm run docs` writes docs/policies/<checklist>.md; a test fails when the committed file is stale.
import { CHECKLISTS, ChecklistItem, isGroup } from "./catalog";
import { RuleRegistry } from "./registry";
import { ConfigProperty, enforcementFor, policyName, remediationFor } from "./rule";

function cell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
}

function configText(config: Record<string, ConfigProperty<unknown>>): string {
    const entries = Object.entries(config);
    if (entries.length === 0) {
        return "";
    }
    return ` Config: ${entries.map(([key, property]) => `\`${key}\` = \`${JSON.stringify(property.default)}\``).join(", ")}.`;
}

function itemRow(registry: RuleRegistry, item: ChecklistItem): string {
    const indent = "&nbsp;&nbsp;".repeat(item.depth);
    if (isGroup(item)) {
        return `| ${item.id} | ${indent}**${cell(item.text)}** | group | Passes when all of ${item.children.join(", ")} pass. | | |`;
    }
    const rules = registry.rulesFor(item.id);
    if (rules.length === 0) {
        return `| ${item.id} | ${indent}${cell(item.text)} | **not covered** | | | |`;
    }
    const policies = rules.map((rule) => `\`${policyName(item, rule)}\``).join("<br>");
    const how = rules
        .map((rule) => (rule.kind === "automated" ? `Automated: ${rule.description}${configText(rule.config)}` : `Attested: ${rule.evidence}.`))
        .join("<br>");
    const remediation = rules.map((rule) => remediationFor(item, rule)).join("<br>");
    const severity = rules.map((rule) => rule.severity).join(", ");
    return `| ${item.id} | ${indent}${cell(item.text)} | ${policies} | ${cell(how)} | ${enforcementFor(item)}, ${severity} | ${cell(remediation)} |`;
}

export function renderPolicyDocs(registry: RuleRegistry): string {
    const checklist = CHECKLISTS[registry.checklist];
    const items = registry.items();
    const leaves = items.filter((item) => !isGroup(item));
    const count = (verification: string) => leaves.filter((item) => registry.verificationOf(item) === verification).length;
    const lines = [
        `# ${checklist.title}: policy index`,
        "",
        `Generated from \`policies/${registry.checklist}/registry.ts\` by \`npm run docs\`; do not edit by hand.`,
        "",
        `${items.length} boxes (${items.length - leaves.length} groups, ${leaves.length} items): ${count("automated")} items verified by automated rules, ${count("attested")} by attestation, ${leaves.filter((item) => registry.verificationOf(item) === undefined).length} not covered. A group passes when all its children pass.`,
        "",
        "Enforcement is mandatory unless the checklist marks the item optional, recommended or \"if ...\" (advisory). Every policy accepts `scope` (`all` or `blueprint`) and `waivers` in its config; attested items accept `attestation`.",
    ];
    let section = "";
    let heading = "";
    for (const item of items) {
        if (item.section !== section) {
            section = item.section;
            heading = "";
            lines.push("", `## ${section}`);
        }
        if (item.heading !== heading) {
            heading = item.heading;
            lines.push("", `### ${heading}`, "", "| Item | Checklist | Policy | How it is verified | Enforcement, severity | Remediation |", "| --- | --- | --- | --- | --- | --- |");
        }
        lines.push(itemRow(registry, item));
    }
    return `${lines.join("\n")}\n`;
}
