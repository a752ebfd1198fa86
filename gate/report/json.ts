import { Report } from "../evaluate";

/** The JSON contract of DESIGN.md, with the documented extensions (policies, notes, remediation, ...). */
export function renderJson(report: Report): string {
    return `${JSON.stringify(report, null, 2)}\n`;
}
