// The terminal report: per checklist and section, every box with its status, and under each
// failed, unknown or waived box the reason and the resource.
import { CHECKLISTS } from "../../policies/lib/catalog";
import { ItemResult, Report } from "../evaluate";
import { LEGEND, SYMBOL } from "./symbols";

/** The resource a violation names, unless its message already does. */
function resourceOf(urn: string | null, message: string): string {
    if (!urn) {
        return "";
    }
    const name = urn.split("::").pop() ?? urn;
    return message.includes(`"${name}"`) ? "" : ` (${urn.split("::").slice(-2).join(" ")})`;
}

function describeItem(item: ItemResult): string[] {
    const indent = "  ".repeat(item.depth + 1);
    const lines = [`${indent}${SYMBOL[item.status]} ${item.id} ${item.text}${item.status === "attested" && item.attestation ? ` — attested by ${item.attestation.by} (${item.attestation.role}) on ${item.attestation.date}` : ""}`];
    const detail = `${indent}     `;
    for (const violation of item.violations) {
        const [first, ...rest] = violation.message.split("\n").filter((line) => line.trim() !== "");
        // The SDK prefixes the policy description; the line after it says what is wrong.
        const message = rest.length > 0 ? rest.join(" ") : first;
        lines.push(`${detail}↳ [${violation.enforcementLevel}] ${message}${resourceOf(violation.urn, message)}`);
    }
    if (item.status !== "pass" && item.status !== "attested" && item.verification !== "group") {
        for (const note of item.notes) {
            lines.push(`${detail}↳ ${note}`);
        }
    }
    return lines;
}

export function renderText(report: Report): string {
    const lines: string[] = [];
    lines.push(`readiness check: stack ${report.stack}, program ${report.program}, ${report.resources} resources, packs ${report.packs.join(", ")}${report.preview ? " (preview: unknown outputs)" : ""}`);
    lines.push(`Legend: ${LEGEND}`);
    for (const checklist of [...new Set(report.items.map((item) => item.checklist))]) {
        const items = report.items.filter((item) => item.checklist === checklist);
        lines.push("", `== ${CHECKLISTS[checklist].title} (${checklist}) ==`);
        let section = "";
        let heading = "";
        for (const item of items) {
            if (item.section !== section) {
                section = item.section;
                heading = "";
                lines.push("", section);
            }
            if (item.heading !== heading) {
                heading = item.heading;
                if (heading) {
                    lines.push(` ${heading}`);
                }
            }
            lines.push(...describeItem(item));
        }
        lines.push("", `${checklist}: ${summaryLine(items)}`);
    }
    if (report.otherPolicies.length > 0) {
        lines.push("", "Policies outside the checklists:");
        for (const policy of report.otherPolicies) {
            lines.push(`  ${SYMBOL[policy.status]} ${policy.pack}/${policy.policy}: ${policy.description}`);
            for (const violation of policy.violations) {
                const [first, ...rest] = violation.message.split("\n").filter((line) => line.trim() !== "");
                const message = rest.length > 0 ? rest.join(" ") : first;
                lines.push(`     ↳ [${violation.enforcementLevel}] ${message}${resourceOf(violation.urn, message)}`);
            }
            if (policy.status !== "pass") {
                policy.notes.forEach((note) => lines.push(`     ↳ ${note}`));
            }
        }
    }
    const { mandatoryViolations } = report.summary;
    lines.push("", `Total: ${summaryLine(report.items)}`);
    const failing = failingLine(report.items);
    if (failing) {
        lines.push(failing);
    }
    lines.push(mandatoryViolations > 0 ? `Result: FAIL, ${mandatoryViolations} mandatory violation(s)` : "Result: PASS, no mandatory violation");
    return `${lines.join("\n")}\n`;
}

/** What the failing boxes are: a program to change, attestations to record, or headers of those. */
function failingLine(items: ItemResult[]): string | undefined {
    const failing = items.filter((item) => item.status === "fail");
    if (failing.length === 0) {
        return undefined;
    }
    const count = (verification: ItemResult["verification"]) => failing.filter((item) => item.verification === verification).length;
    return `Failing: ${count("automated")} automated (change the program), ${count("attested")} attested (no valid attestation in attestations/<stack>.yaml), ${count("group")} group headers`;
}

export function summaryLine(items: ItemResult[]): string {
    const count = (status: ItemResult["status"]) => items.filter((item) => item.status === status).length;
    return `${count("pass")} pass, ${count("attested")} attested, ${count("fail")} fail, ${count("unknown")} unknown, ${count("waived")} waived, ${count("not-applicable")} not applicable (${items.length} boxes)`;
}
