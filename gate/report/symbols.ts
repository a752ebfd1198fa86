import { Status } from "../evaluate";

/** The checklists' own legend: ✅ complete, ⚠️ partial (unknown, waived), ❌ missing. */
export const SYMBOL: Record<Status, string> = {
    pass: "✅",
    attested: "✅",
    waived: "⚠️",
    unknown: "⚠️",
    fail: "❌",
    "not-applicable": "➖",
};

export const LEGEND = "✅ pass or attested   ⚠️ unknown or waived   ❌ fail   ➖ not applicable";
