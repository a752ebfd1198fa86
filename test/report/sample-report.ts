// A small, hand-written report with one item of every status, for the renderers' unit tests.
import { ItemResult, Report } from "../../gate/evaluate";
import { day } from "../helpers/cli";

function item(partial: Partial<ItemResult> & Pick<ItemResult, "id" | "text" | "status">): ItemResult {
    return {
        checklist: "warden-pbx",
        section: "1. Infrastructure & Environment",
        heading: "1.1 Server Requirements",
        verification: "automated",
        violations: [],
        policies: [`${partial.id.toLowerCase()}-rule`],
        notes: [],
        remediation: [],
        parent: null,
        depth: 1,
        ...partial,
    };
}

export function sampleReport(): Report {
    const failing = item({
        id: "WP-1.1.1.1",
        text: "CPU: Minimum 4 cores (8 recommended for >100 extensions)",
        status: "fail",
        policies: ["wp-1.1.1.1-pbx-cpu-cores"],
        remediation: ["Set readiness-kit:wardenInstanceType to c7i.2xlarge or larger."],
        violations: [
            {
                policy: "wp-1.1.1.1-pbx-cpu-cores",
                enforcementLevel: "mandatory",
                severity: "high",
                urn: "urn:pulumi:prod::readiness-kit::aws:ec2/instance:Instance::pbx-host",
                message: "[WP-1.1.1.1] CPU: Minimum 4 cores.\naws:ec2/instance:Instance \"pbx-host\": has 1 physical core, at least 4 are required",
            },
        ],
    });
    return {
        stack: "prod",
        program: ".",
        resources: 42,
        packs: ["warden-pbx-readiness"],
        preview: false,
        items: [
            failing,
            item({ id: "WP-1.1.1.2", text: "RAM: Minimum 8GB (16GB recommended for >100 extensions)", status: "pass" }),
            item({ id: "WP-1.1.1.3", text: "Disk: Minimum 100GB SSD (with growth plan)", status: "unknown", notes: ["number value at .size can't be known during preview"] }),
            item({
                id: "WP-1.1.1.4",
                text: "Network: Dedicated network interface for SIP/RTP traffic",
                status: "waived",
                notes: [`waived: 1 violation(s) excused by ops until ${day(10)} (migration)`],
                waivers: [{ owner: "ops", reason: "migration", expires: day(10) }],
            }),
            item({ id: "WP-1.1.1.5", text: "Redundant power supply (if available)", status: "not-applicable", notes: ["the provider owns the power supply"] }),
            item({
                id: "WP-11.1.1",
                section: "11. Sign-Off",
                heading: "Approval Required From:",
                text: "System Administrator: _________________ Date: _______",
                status: "attested",
                verification: "attested",
                depth: 0,
                attestation: { by: "Jane Doe", role: "System Administrator", date: day(-5), evidence: "https://wiki.example.com/sign-off", expires: day(20) },
            }),
        ],
        otherViolations: [],
        otherPolicies: [],
        policyIndex: {
            "wp-1.1.1.1-pbx-cpu-cores": {
                pack: "warden-pbx-readiness",
                description: "[WP-1.1.1.1] CPU: Minimum 4 cores. The PBX host has at least 4 physical cores.",
                severity: "high",
                enforcementLevel: "mandatory",
                remediationSteps: "Set readiness-kit:wardenInstanceType to c7i.2xlarge or larger.",
                item: "WP-1.1.1.1",
            },
        },
        sources: { "urn:pulumi:prod::readiness-kit::aws:ec2/instance:Instance::pbx-host": { file: "components/compute/ubuntu-host.ts", line: 120, column: 9 } },
        summary: { pass: 1, fail: 1, attested: 1, waived: 1, unknown: 1, notApplicable: 1, mandatoryViolations: 1 },
    };
}
