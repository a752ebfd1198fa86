// A one-file HTML dashboard for a go-live review: per checklist and per section a bar of pass /
// attested / fail / waived / unknown / not applicable, every box with its status, failures that
// expand to their reasons and remediation, attestations with who and when, and waivers and
// attestations that expire within 30 days highlighted. No external assets; everything from the
// report is escaped.
import { CHECKLISTS } from "../../policies/lib/catalog";
import { parseDay, today } from "../../policies/lib/dates";
import { ItemResult, Report, Status } from "../evaluate";

// Glyphs every system font has (colour emoji are often missing in headless browsers and on servers).
const SYMBOL: Record<Status, string> = { pass: "✓", attested: "✓", fail: "✗", waived: "⚠", unknown: "?", "not-applicable": "–" };

const STATUSES: Status[] = ["pass", "attested", "fail", "waived", "unknown", "not-applicable"];
const EXPIRY_WARNING_DAYS = 30;

function escape(text: string): string {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

function bar(items: ItemResult[], label: string): string {
    const total = items.length || 1;
    const segments = STATUSES.map((status) => {
        const count = items.filter((item) => item.status === status).length;
        return count === 0 ? "" : `<span class="seg ${status}" style="width:${((count / total) * 100).toFixed(2)}%" title="${status}: ${count}"></span>`;
    }).join("");
    const counts = STATUSES.map((status) => `${status} ${items.filter((item) => item.status === status).length}`).join(" · ");
    return `<div class="bar" role="img" aria-label="${escape(`${label}: ${counts}`)}">${segments}</div><div class="counts">${escape(counts)}</div>`;
}

function expiresSoon(date: string | undefined): boolean {
    const day = parseDay(date);
    return day !== undefined && day - today() <= EXPIRY_WARNING_DAYS;
}

function violationList(item: ItemResult): string {
    const violations = item.violations.map((violation) => {
        const lines = violation.message.split("\n").filter((line) => line.trim() !== "");
        const message = (lines.length > 1 ? lines.slice(1) : lines).join(" ");
        return `<li><span class="level ${escape(violation.enforcementLevel)}">${escape(violation.enforcementLevel)}</span> <code>${escape(violation.policy)}</code>: ${escape(message)}${violation.urn ? `<div class="urn">${escape(violation.urn)}</div>` : ""}</li>`;
    });
    const notes = item.notes.map((note) => `<li>${escape(note)}</li>`);
    const remediation = item.remediation.map((step) => `<li>${escape(step)}</li>`);
    return (
        `<div class="reasons">` +
        (violations.length + notes.length > 0 ? `<h5>Why</h5><ul>${[...violations, ...notes].join("")}</ul>` : "") +
        (remediation.length > 0 && item.status !== "pass" && item.status !== "attested" ? `<h5>How to fix</h5><ul>${remediation.join("")}</ul>` : "") +
        `</div>`
    );
}

function itemRow(item: ItemResult): string {
    const label = `<span class="symbol">${SYMBOL[item.status]}</span> <span class="id">${escape(item.id)}</span> ${escape(item.text)}`;
    const indent = `style="margin-left:${item.depth * 1.5}rem"`;
    const attestation = item.attestation
        ? ` <span class="who${expiresSoon(item.attestation.expires) ? " expiring" : ""}">attested by ${escape(item.attestation.by)} (${escape(item.attestation.role)}) on ${escape(item.attestation.date)}, until ${escape(item.attestation.expires)}</span>`
        : "";
    const expandable = item.status === "fail" || item.status === "unknown" || item.status === "waived" || (item.status === "not-applicable" && item.notes.length > 0);
    if (!expandable) {
        return `<div class="item ${item.status}" ${indent} data-id="${escape(item.id)}">${label}${attestation}</div>`;
    }
    return `<details class="item ${item.status}" ${indent} data-id="${escape(item.id)}"><summary>${label}${attestation}</summary>${violationList(item)}</details>`;
}

function checklistSection(report: Report, checklist: keyof typeof CHECKLISTS): string {
    const items = report.items.filter((item) => item.checklist === checklist);
    const sections = [...new Set(items.map((item) => item.section))];
    return (
        `<section class="checklist" id="${escape(checklist)}"><h2>${escape(CHECKLISTS[checklist].title)}</h2>${bar(items, CHECKLISTS[checklist].title)}` +
        sections
            .map((section) => {
                const members = items.filter((item) => item.section === section);
                return `<div class="section"><h3>${escape(section)}</h3>${bar(members, section)}<div class="items">${members.map(itemRow).join("")}</div></div>`;
            })
            .join("") +
        `</section>`
    );
}

function attestationsTable(report: Report): string {
    const rows = report.items
        .filter((item) => item.attestation)
        .map((item) => {
            const attestation = item.attestation!;
            return `<tr class="${expiresSoon(attestation.expires) ? "expiring" : ""}"><td>${escape(item.id)}</td><td>${escape(attestation.by)}</td><td>${escape(attestation.role)}</td><td>${escape(attestation.date)}</td><td>${escape(attestation.expires)}</td><td>${attestation.evidence ? escape(attestation.evidence) : "<em>none</em>"}</td></tr>`;
        });
    return rows.length === 0 ? "<p>No attestations recorded.</p>" : `<table><thead><tr><th>Item</th><th>By</th><th>Role</th><th>Date</th><th>Expires</th><th>Evidence</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function waiversTable(report: Report): string {
    const rows = report.items.flatMap((item) =>
        (item.waivers ?? []).map(
            (waiver) =>
                `<tr class="${expiresSoon(waiver.expires) ? "expiring" : ""}"><td>${escape(item.id)}</td><td>${escape(waiver.owner)}</td><td>${escape(waiver.reason)}</td><td>${escape((waiver.resources ?? ["all resources"]).join(", "))}</td><td>${escape(waiver.expires)}</td></tr>`,
        ),
    );
    return rows.length === 0 ? "<p>No waivers.</p>" : `<table><thead><tr><th>Item</th><th>Owner</th><th>Reason</th><th>Resources</th><th>Expires</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

const STYLE = `
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;padding:1.5rem 2rem;color:#1d2433;background:#f6f7f9}
h1{margin:0 0 .3rem}h2{margin-top:2rem}h3{margin:1.2rem 0 .3rem;font-size:1.05rem}h5{margin:.6rem 0 .2rem}
.meta{color:#5b6475}.result{font-size:1.2rem;font-weight:600;margin:.8rem 0}.result.fail{color:#b42318}.result.pass{color:#067647}
.bar{display:flex;height:14px;border-radius:7px;overflow:hidden;background:#e4e7ec;max-width:900px}
.seg{display:block;height:100%}.seg.pass{background:#12b76a}.seg.attested{background:#6ce9a6}.seg.fail{background:#f04438}
.seg.waived{background:#fdb022}.seg.unknown{background:#98a2b3}.seg.not-applicable{background:#d0d5dd}
.counts{font-size:.8rem;color:#5b6475;margin:.2rem 0 .6rem}
.item{padding:.2rem .4rem;border-left:3px solid transparent;font-size:.92rem}
.item.fail{border-color:#f04438;background:#fef3f2}.item.unknown{border-color:#98a2b3}.item.waived{border-color:#fdb022;background:#fffaeb}
summary{cursor:pointer}.id{font-family:ui-monospace,monospace;color:#475467}
.reasons{margin:.3rem 0 .5rem 1.8rem;font-size:.88rem}.reasons ul{margin:.2rem 0;padding-left:1.2rem}
.urn{font-family:ui-monospace,monospace;font-size:.78rem;color:#667085}
.level{font-size:.75rem;padding:0 .3rem;border-radius:3px;background:#e4e7ec}.level.mandatory{background:#fee4e2;color:#b42318}
.who{font-size:.8rem;color:#475467}.expiring,.who.expiring{background:#fef0c7;color:#93370d;font-weight:600}
table{border-collapse:collapse;font-size:.88rem;background:#fff}td,th{border:1px solid #d0d5dd;padding:.3rem .5rem;text-align:left}
`;

export function renderHtml(report: Report): string {
    const { summary } = report;
    const result =
        summary.mandatoryViolations > 0
            ? `<div class="result fail">❌ Not ready: ${summary.mandatoryViolations} mandatory violation(s)</div>`
            : `<div class="result pass">✅ No mandatory violation</div>`;
    const checklists = [...new Set(report.items.map((item) => item.checklist))];
    return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Readiness: ${escape(report.stack)}</title><style>${STYLE}</style></head>
<body>
<h1>Production readiness: stack ${escape(report.stack)}</h1>
<div class="meta">Program ${escape(report.program)} · ${report.resources} resources · packs ${escape(report.packs.join(", "))}${report.preview ? " · preview (unknown outputs)" : ""}</div>
${result}
<div class="meta">${escape(STATUSES.map((status) => `${SYMBOL[status]} ${status}`).join("   "))}</div>
${checklists.map((checklist) => checklistSection(report, checklist)).join("\n")}
<section><h2>Attestations</h2>${attestationsTable(report)}</section>
<section><h2>Waivers</h2>${waiversTable(report)}</section>
</body></html>
`;
}
