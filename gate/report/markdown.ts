// The checklist itself, re-rendered: each box ticked when its item passed or is attested, and
// under every other box its status and the reasons.
import * as fs from "fs";
import * as path from "path";
import { CHECKLISTS, CHECKLIST_DIR } from "../../policies/lib/catalog";
import { ItemResult, Report } from "../evaluate";
import { summaryLine } from "./text";
import { LEGEND, SYMBOL } from "./symbols";

const BOX = /^(\s*)- \[ \] (.*)$/;

function reasons(item: ItemResult, indent: string): string[] {
    const lines: string[] = [];
    for (const violation of item.violations) {
        const parts = violation.message.split("\n").filter((line) => line.trim() !== "");
        const message = (parts.length > 1 ? parts.slice(1) : parts).join(" ");
        lines.push(`${indent}  - ${SYMBOL.fail} \`${violation.policy}\` (${violation.enforcementLevel}): ${message}${violation.urn ? ` — \`${violation.urn}\`` : ""}`);
    }
    if (item.verification !== "group") {
        for (const note of item.notes) {
            lines.push(`${indent}  - ${SYMBOL[item.status]} ${item.status}: ${note}`);
        }
    }
    return lines;
}

export function renderMarkdown(report: Report): string {
    const out: string[] = [];
    out.push(`# Readiness report: stack \`${report.stack}\``, "");
    out.push(`Program \`${report.program}\`, ${report.resources} resources, packs ${report.packs.map((pack) => `\`${pack}\``).join(", ")}${report.preview ? " (preview)" : ""}.`, "");
    out.push(`Legend: ${LEGEND}`, "");
    out.push(`**Result:** ${report.summary.mandatoryViolations > 0 ? `❌ ${report.summary.mandatoryViolations} mandatory violation(s)` : "✅ no mandatory violation"}. ${summaryLine(report.items)}.`, "");
    for (const checklist of [...new Set(report.items.map((item) => item.checklist))]) {
        const items = report.items.filter((item) => item.checklist === checklist);
        const source = fs.readFileSync(path.join(CHECKLIST_DIR, CHECKLISTS[checklist].file), "utf8").split("\n");
        out.push("---", "", `<!-- ${checklist}: ${summaryLine(items)} -->`, "");
        let index = 0;
        for (const line of source) {
            const match = BOX.exec(line.replace(/\r$/, ""));
            if (!match) {
                out.push(line);
                continue;
            }
            const item = items[index++];
            const ticked = item.status === "pass" || item.status === "attested";
            out.push(`${match[1]}- [${ticked ? "x" : " "}] ${match[2]} ${SYMBOL[item.status]}${ticked ? "" : ` _${item.status}_`}`);
            if (!ticked) {
                out.push(...reasons(item, match[1]));
            }
        }
    }
    if (report.otherPolicies.length > 0) {
        out.push("---", "", "## Policies outside the checklists", "");
        for (const policy of report.otherPolicies) {
            const ticked = policy.status === "pass";
            out.push(`- [${ticked ? "x" : " "}] \`${policy.pack}/${policy.policy}\`: ${policy.description} ${SYMBOL[policy.status]}${ticked ? "" : ` _${policy.status}_`}`);
            for (const violation of policy.violations) {
                const parts = violation.message.split("\n").filter((line) => line.trim() !== "");
                const message = (parts.length > 1 ? parts.slice(1) : parts).join(" ");
                out.push(`  - ${SYMBOL.fail} (${violation.enforcementLevel}): ${message}${violation.urn ? ` — \`${violation.urn}\`` : ""}`);
            }
            if (!ticked) {
                policy.notes.forEach((note) => out.push(`  - ${SYMBOL[policy.status]} ${policy.status}: ${note}`));
            }
        }
        out.push("");
    }
    return `${out.join("\n")}\n`;
}
