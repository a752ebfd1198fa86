// `readiness catalog`: every box of both checklists with how it is verified and by which
// policies, from the kit's rule registries (no pack process needed).
import { CHECKLISTS, ChecklistName, checklistItems } from "../policies/lib/catalog";
import { RuleRegistry } from "../policies/lib/registry";
import { voiceassistRegistry } from "../policies/voiceassist/registry";
import { wardenRegistry } from "../policies/warden-pbx/registry";

export interface CatalogEntry {
    checklist: ChecklistName;
    id: string;
    section: string;
    heading: string;
    parent: string | null;
    text: string;
    verification: "automated" | "attested" | "group";
    policies: string[];
}

export function kitRegistries(): RuleRegistry[] {
    return [wardenRegistry(), voiceassistRegistry()];
}

export function buildCatalog(registries: RuleRegistry[] = kitRegistries()): CatalogEntry[] {
    return registries.flatMap((registry) =>
        checklistItems(registry.checklist).map((item) => ({
            checklist: item.checklist,
            id: item.id,
            section: item.section,
            heading: item.heading,
            parent: item.parent,
            text: item.text,
            // An item no rule decides yet is shown as needing a person, with no policy.
            verification: registry.verificationOf(item) ?? "attested",
            policies: item.children.length > 0 ? [] : registry.policyNamesFor(item),
        })),
    );
}

export function renderCatalogJson(entries: CatalogEntry[]): string {
    return `${JSON.stringify({ items: entries }, null, 2)}\n`;
}

function escapeCell(text: string): string {
    return text.replace(/\|/g, "\\|");
}

export function renderCatalogMarkdown(entries: CatalogEntry[]): string {
    const lines = ["# Readiness catalog", ""];
    for (const checklist of Object.keys(CHECKLISTS) as ChecklistName[]) {
        const own = entries.filter((entry) => entry.checklist === checklist);
        const leaves = own.filter((entry) => entry.verification !== "group");
        const automated = leaves.filter((entry) => entry.verification === "automated").length;
        lines.push(`## ${CHECKLISTS[checklist].title} (\`${checklist}\`)`, "");
        lines.push(`${own.length} boxes, ${leaves.length} leaf items: ${automated} automated, ${leaves.length - automated} attested.`, "");
        lines.push("| Item | Text | Verification | Policies |", "| --- | --- | --- | --- |");
        for (const entry of own) {
            lines.push(`| ${entry.id} | ${escapeCell(entry.text)} | ${entry.verification} | ${entry.policies.map((policy) => `\`${policy}\``).join("<br>")} |`);
        }
        lines.push("");
    }
    return lines.join("\n");
}
