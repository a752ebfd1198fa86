// SARIF 2.1.0 for code scanning: one rule per policy that ran, one result per violation, located
// at the line of the program that declared the resource when the engine recorded it, otherwise
// at the stack's config file. Valid against the published SARIF 2.1.0 schema (test/report).
import * as path from "path";
import { ItemViolation, Report } from "../evaluate";

const LEVEL: Record<string, "error" | "warning" | "note"> = { mandatory: "error", remediate: "error", advisory: "warning", disabled: "note" };
// GitHub code scanning ranks results by this property (0.1 - 10).
const SECURITY_SEVERITY: Record<string, string> = { low: "2.0", medium: "5.0", high: "8.0", critical: "9.5" };

function messageOf(violation: ItemViolation): string {
    const lines = violation.message.split("\n").filter((line) => line.trim() !== "");
    // The SDK prefixes the policy description; the rest says what is wrong.
    return (lines.length > 1 ? lines.slice(1) : lines).join(" ");
}

export function renderSarif(report: Report): string {
    const policies = Object.keys(report.policyIndex).sort();
    const index = new Map(policies.map((name, position) => [name, position]));
    const itemText = new Map(report.items.map((item) => [item.id, item]));
    // Relative to where the gate ran (the repository root in CI), as the sources are.
    const stackFile = path.relative(process.cwd(), path.resolve(report.program, `Pulumi.${report.stack}.yaml`)).split(path.sep).join("/");

    const rules = policies.map((name) => {
        const policy = report.policyIndex[name];
        const item = policy.item ? itemText.get(policy.item) : undefined;
        return {
            id: name,
            name: name.replace(/(^|-)([a-z0-9])/g, (_match, _dash, letter: string) => letter.toUpperCase()).replace(/[^A-Za-z0-9]/g, ""),
            shortDescription: { text: item ? `${item.id} ${item.text}` : policy.description.slice(0, 200) },
            fullDescription: { text: policy.description },
            help: { text: policy.remediationSteps ?? "See the policy description.", markdown: policy.remediationSteps ?? "See the policy description." },
            defaultConfiguration: { level: LEVEL[policy.enforcementLevel] ?? "warning" },
            properties: {
                checklist: item?.checklist ?? "other",
                itemId: policy.item ?? null,
                severity: policy.severity,
                "security-severity": SECURITY_SEVERITY[policy.severity],
                pack: policy.pack,
                tags: ["readiness", ...(item ? [item.checklist] : [])],
            },
        };
    });

    const violations = [...report.items.flatMap((item) => item.violations), ...report.otherViolations];
    const results = violations.map((violation) => {
        const source = violation.urn ? report.sources[violation.urn] : undefined;
        const physicalLocation = source
            ? { artifactLocation: { uri: source.file, uriBaseId: "%SRCROOT%" }, region: { startLine: Math.max(1, source.line), startColumn: Math.max(1, source.column) } }
            : { artifactLocation: { uri: stackFile, uriBaseId: "%SRCROOT%" }, region: { startLine: 1 } };
        return {
            ruleId: violation.policy,
            ...(index.has(violation.policy) ? { ruleIndex: index.get(violation.policy) } : {}),
            level: LEVEL[violation.enforcementLevel] ?? "warning",
            message: { text: messageOf(violation) },
            locations: [
                {
                    physicalLocation,
                    ...(violation.urn ? { logicalLocations: [{ fullyQualifiedName: violation.urn, kind: "resource" }] } : {}),
                },
            ],
            partialFingerprints: { "readiness/v1": `${violation.policy}:${violation.urn ?? report.stack}` },
            properties: { severity: violation.severity, enforcementLevel: violation.enforcementLevel, urn: violation.urn },
        };
    });

    const sarif = {
        $schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [
            {
                tool: { driver: { name: "readiness", informationUri: "https://github.com/readiness-kit/readiness-kit", semanticVersion: "0.1.0", rules } },
                automationDetails: { id: `readiness/${report.stack}/` },
                results,
                properties: { stack: report.stack, packs: report.packs, summary: report.summary, preview: report.preview },
            },
        ],
    };
    return `${JSON.stringify(sarif, null, 2)}\n`;
}
