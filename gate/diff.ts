// `readiness diff BASE.json HEAD.json`: what changed between two `check --format json` runs, for
// pull-request comments: items that newly fail, items that newly pass, and other status changes.
import * as fs from "fs";
import { InputError } from "./errors";
import { ItemResult, Report, Status } from "./evaluate";
import { SYMBOL } from "./report/symbols";
import { isRecord } from "./yaml-file";

export interface ItemChange {
    checklist: string;
    id: string;
    text: string;
    before: Status | null;
    after: Status | null;
    /** What fails now, for newly failing items (messages without the policy description line). */
    reasons: string[];
}

export interface ReportDiff {
    base: { stack: string; mandatoryViolations: number };
    head: { stack: string; mandatoryViolations: number };
    newlyFailing: ItemChange[];
    newlyPassing: ItemChange[];
    otherChanges: ItemChange[];
}

const PASSED: Status[] = ["pass", "attested"];

/** Reads a report written by `readiness check --format json`. */
export function loadReport(file: string): Report {
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new InputError(file, code === "ENOENT" ? "file not found" : code ? `cannot read (${code})` : `invalid JSON (${(error as Error).message})`);
    }
    if (!isRecord(parsed) || !Array.isArray(parsed.items) || !isRecord(parsed.summary) || typeof parsed.stack !== "string") {
        throw new InputError(file, "items: not a `readiness check --format json` report");
    }
    parsed.items.forEach((item, index) => {
        if (!isRecord(item) || typeof item.id !== "string" || typeof item.checklist !== "string" || typeof item.status !== "string") {
            throw new InputError(file, `items[${index}]: needs checklist, id and status`);
        }
    });
    return parsed as unknown as Report;
}

function reasonsOf(item: ItemResult): string[] {
    const messages = item.violations.map((violation) => {
        const lines = violation.message.split("\n").filter((line) => line.trim() !== "");
        return (lines.length > 1 ? lines.slice(1) : lines).join(" ");
    });
    return messages.length > 0 ? messages : item.notes;
}

export function diffReports(base: Report, head: Report, files: { base: string; head: string }): ReportDiff {
    const checklists = (report: Report) => [...new Set(report.items.map((item) => item.checklist))].sort().join(", ");
    if (checklists(base) !== checklists(head)) {
        throw new InputError(files.head, `checklists: the reports cover different checklists (${files.base}: ${checklists(base) || "none"}; ${files.head}: ${checklists(head) || "none"})`);
    }
    const key = (item: ItemResult) => `${item.checklist}/${item.id}`;
    const before = new Map(base.items.map((item) => [key(item), item]));
    const after = new Map(head.items.map((item) => [key(item), item]));
    const diff: ReportDiff = {
        base: { stack: base.stack, mandatoryViolations: base.summary.mandatoryViolations },
        head: { stack: head.stack, mandatoryViolations: head.summary.mandatoryViolations },
        newlyFailing: [],
        newlyPassing: [],
        otherChanges: [],
    };
    for (const id of new Set([...before.keys(), ...after.keys()])) {
        const old = before.get(id);
        const now = after.get(id);
        const oldStatus = old?.status ?? null;
        const newStatus = now?.status ?? null;
        if (oldStatus === newStatus) {
            continue;
        }
        const item = (now ?? old)!;
        const change: ItemChange = { checklist: item.checklist, id: item.id, text: item.text, before: oldStatus, after: newStatus, reasons: now && newStatus !== "pass" && newStatus !== "attested" ? reasonsOf(now) : [] };
        if (newStatus === "fail") {
            diff.newlyFailing.push(change);
        } else if (newStatus !== null && PASSED.includes(newStatus) && !(oldStatus !== null && PASSED.includes(oldStatus))) {
            diff.newlyPassing.push(change);
        } else {
            diff.otherChanges.push(change);
        }
    }
    return diff;
}

function line(change: ItemChange): string {
    const status = (status: Status | null) => (status === null ? "absent" : `${SYMBOL[status]} ${status}`);
    const reasons = change.reasons.map((reason) => `\n  - ${reason}`).join("");
    return `- **${change.id}** ${change.text} (${status(change.before)} → ${status(change.after)})${reasons}`;
}

export function renderDiffMarkdown(diff: ReportDiff): string {
    const delta = diff.head.mandatoryViolations - diff.base.mandatoryViolations;
    const out = [
        `## Readiness change: stack ${diff.head.stack}`,
        "",
        `Mandatory violations: ${diff.base.mandatoryViolations} → ${diff.head.mandatoryViolations} (${delta > 0 ? `+${delta}` : delta})`,
        "",
    ];
    if (diff.newlyFailing.length + diff.newlyPassing.length + diff.otherChanges.length === 0) {
        out.push("No checklist item changed status.");
    }
    const group = (title: string, changes: ItemChange[]) => {
        if (changes.length > 0) {
            out.push(`### ${title} (${changes.length})`, "", ...changes.map(line), "");
        }
    };
    group(`${SYMBOL.fail} Newly failing`, diff.newlyFailing);
    group(`${SYMBOL.pass} Newly passing`, diff.newlyPassing);
    group(`${SYMBOL.unknown} Other status changes`, diff.otherChanges);
    return `${out.join("\n").trimEnd()}\n`;
}
