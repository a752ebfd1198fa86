// JUnit XML for CI systems: a test suite per checklist section, a test case per checklist item.
// Failed items are failures (their violations and resources as the text); unknown items are
// errors (nothing could decide them); waived and not-applicable items are skipped with the
// reason; passed and attested items pass. Valid against the Jenkins JUnit schema
// (test/report/junit.test.ts).
import { CHECKLISTS } from "../../policies/lib/catalog";
import { ItemResult, Report } from "../evaluate";

function escape(text: string): string {
    return text
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/"/g, "&quot;")
        // XML 1.0 forbids most control characters even when escaped.
        .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");
}

function violationText(item: ItemResult): string {
    return item.violations
        .map((violation) => `[${violation.enforcementLevel}] ${violation.policy}: ${violation.message.split("\n").filter((line) => line.trim()).join(" ")}${violation.urn ? `\n  resource: ${violation.urn}` : ""}`)
        .join("\n");
}

function testCase(item: ItemResult, suite: string): string {
    const open = `    <testcase name="${escape(`${item.id} ${item.text}`)}" classname="${escape(suite)}" time="0"`;
    switch (item.status) {
        case "fail": {
            const mandatory = item.violations.some((violation) => violation.enforcementLevel === "mandatory");
            const summary = `${item.violations.length} violation(s)${mandatory ? "" : " (advisory)"}`;
            const text = item.verification === "group" ? item.notes.join("\n") : violationText(item);
            return `${open}>\n      <failure message="${escape(summary)}" type="${mandatory ? "mandatory" : "advisory"}">${escape(text)}</failure>\n    </testcase>`;
        }
        case "unknown":
            return `${open}>\n      <error message="${escape("undecided")}" type="unknown">${escape(item.notes.join("\n") || "no policy could decide this item")}</error>\n    </testcase>`;
        case "waived":
        case "not-applicable":
            // The Jenkins schema gives <skipped> text content only, no attributes.
            return `${open}>\n      <skipped>${escape(`${item.status}: ${item.notes.join("; ")}`)}</skipped>\n    </testcase>`;
        default:
            return `${open}/>`;
    }
}

export function renderJunit(report: Report): string {
    const suites: string[] = [];
    let id = 0;
    for (const checklist of [...new Set(report.items.map((item) => item.checklist))]) {
        const items = report.items.filter((item) => item.checklist === checklist);
        for (const section of [...new Set(items.map((item) => item.section))]) {
            const members = items.filter((item) => item.section === section);
            const name = `${checklist} / ${section}`;
            const count = (status: ItemResult["status"]) => members.filter((item) => item.status === status).length;
            suites.push(
                `  <testsuite name="${escape(name)}" id="${id++}" package="${escape(CHECKLISTS[checklist].title)}" tests="${members.length}" failures="${count("fail")}" errors="${count("unknown")}" skipped="${count("waived") + count("not-applicable")}" time="0" timestamp="${new Date().toISOString().slice(0, 19)}" hostname="readiness">\n` +
                    `    <properties>\n      <property name="stack" value="${escape(report.stack)}"/>\n      <property name="program" value="${escape(report.program)}"/>\n    </properties>\n` +
                    members.map((item) => testCase(item, name)).join("\n") +
                    `\n  </testsuite>`,
            );
        }
    }
    if (report.otherPolicies.length > 0) {
        const cases = report.otherPolicies.map((policy) => {
            const pseudoItem = { id: policy.policy, text: policy.description, status: policy.status, violations: policy.violations, notes: policy.notes, verification: "automated" } as ItemResult;
            return testCase(pseudoItem, "other policies");
        });
        const failures = report.otherPolicies.filter((policy) => policy.status === "fail").length;
        const errors = report.otherPolicies.filter((policy) => policy.status === "unknown").length;
        const skipped = report.otherPolicies.filter((policy) => policy.status === "waived" || policy.status === "not-applicable").length;
        suites.push(
            `  <testsuite name="other policies" id="${id++}" package="other" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="0" timestamp="${new Date().toISOString().slice(0, 19)}" hostname="readiness">\n${cases.join("\n")}\n  </testsuite>`,
        );
    }
    const total = report.items.length + report.otherPolicies.length;
    const failures = report.items.filter((item) => item.status === "fail").length + report.otherPolicies.filter((policy) => policy.status === "fail").length;
    return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="readiness ${escape(report.stack)}" tests="${total}" failures="${failures}">\n${suites.join("\n")}\n</testsuites>\n`;
}
