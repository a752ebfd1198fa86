// The two checklists parsed into items with stable ids. The extraction follows
// ../shared/tools/checklist.py exactly (section, heading, depth, text cleaning), so that the
// catalog the gate prints lines up box for box with the users' documents.
import * as fs from "fs";
import * as path from "path";

export type ChecklistName = "warden-pbx" | "voiceassist";

export const CHECKLISTS: Record<ChecklistName, { file: string; prefix: string; title: string }> = {
    "warden-pbx": { file: "warden-pbx.md", prefix: "WP", title: "Warden VoIP PBX production readiness" },
    voiceassist: { file: "voiceassist.md", prefix: "VA", title: "VoiceAssist production readiness (HIPAA)" },
};

export interface ChecklistItem {
    checklist: ChecklistName;
    /** Stable id: prefix, heading number, then the box's position, e.g. WP-1.1.3.4.1. */
    id: string;
    section: string;
    heading: string;
    parent: string | null;
    children: string[];
    text: string;
    depth: number;
    /** 1-based line of the box in the checklist file. */
    line: number;
    /** The checklist itself marks the item optional, recommended or conditional ("if ..."). */
    conditional: boolean;
}

const BOX = /^(\s*)- \[ \] (.*)$/;

/** The text rule of DESIGN.md: `**` and backticks removed, whitespace collapsed. */
export function cleanText(text: string): string {
    return text.replace(/\*\*|`/g, "").trim().replace(/\s+/g, " ");
}

/** "## 1. Infrastructure" -> "1"; an unnumbered section -> its initials ("Post-Deployment Actions" -> "PDA"). */
function sectionKey(section: string): string {
    const numbered = /^(\d+)\./.exec(section);
    if (numbered) {
        return numbered[1];
    }
    return section
        .split(/[^A-Za-z0-9]+/)
        .filter((word) => word.length > 0)
        .map((word) => word[0].toUpperCase())
        .join("");
}

const CONDITIONAL = /\(optional|\(recommended\)|\(if /i;

export function isConditional(text: string, heading: string): boolean {
    return CONDITIONAL.test(text) || /\boptional\b/i.test(heading);
}

export function parseChecklist(markdown: string, checklist: ChecklistName): ChecklistItem[] {
    const prefix = CHECKLISTS[checklist].prefix;
    const items: ChecklistItem[] = [];
    let section = "";
    let heading = "";
    let headingKey = "";
    let headingsInSection = 0;
    // Open ancestors of the current box (by depth) and the count of boxes seen under each.
    let stack: ChecklistItem[] = [];
    let siblingCounts: number[] = [];

    const lines = markdown.split("\n");
    lines.forEach((raw, index) => {
        const line = raw.replace(/\r$/, "");
        if (line.startsWith("## ")) {
            section = cleanText(line.slice(3));
            heading = "";
            headingKey = sectionKey(section);
            headingsInSection = 0;
            stack = [];
            siblingCounts = [];
            return;
        }
        if (line.startsWith("### ")) {
            heading = cleanText(line.slice(4));
            headingsInSection += 1;
            const numbered = /^(\d+(?:\.\d+)+)\s/.exec(heading);
            headingKey = numbered ? numbered[1] : `${sectionKey(section)}.${headingsInSection}`;
            stack = [];
            siblingCounts = [];
            return;
        }
        const match = BOX.exec(line);
        if (!match) {
            return;
        }
        const depth = Math.floor(match[1].length / 2);
        stack = stack.slice(0, depth);
        siblingCounts = siblingCounts.slice(0, depth + 1);
        siblingCounts[depth] = (siblingCounts[depth] ?? 0) + 1;
        const parent = stack.length > 0 ? stack[stack.length - 1] : undefined;
        const position = siblingCounts.slice(0, depth + 1).join(".");
        const text = cleanText(match[2]);
        const item: ChecklistItem = {
            checklist,
            id: `${prefix}-${headingKey}.${position}`,
            section,
            heading,
            parent: parent ? parent.id : null,
            children: [],
            text,
            depth,
            line: index + 1,
            conditional: isConditional(text, heading),
        };
        parent?.children.push(item.id);
        items.push(item);
        stack.push(item);
    });
    return items;
}

export const CHECKLIST_DIR = path.resolve(__dirname, "..", "..", "checklists");

const cache = new Map<ChecklistName, ChecklistItem[]>();

/** The items of one checklist, in document order. */
export function checklistItems(checklist: ChecklistName): ChecklistItem[] {
    let items = cache.get(checklist);
    if (!items) {
        const file = path.join(CHECKLIST_DIR, CHECKLISTS[checklist].file);
        items = parseChecklist(fs.readFileSync(file, "utf8"), checklist);
        cache.set(checklist, items);
    }
    return items;
}

export function findItem(id: string): ChecklistItem | undefined {
    const checklist = id.startsWith(`${CHECKLISTS.voiceassist.prefix}-`) ? "voiceassist" : "warden-pbx";
    return checklistItems(checklist).find((item) => item.id === id);
}

export function isGroup(item: ChecklistItem): boolean {
    return item.children.length > 0;
}
