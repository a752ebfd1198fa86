import { headerRule } from "./headers";

export default headerRule({
    name: "hsts",
    item: "VA-4.2.5",
    headers: ["Strict-Transport-Security"],
    description: "Every response carries Strict-Transport-Security.",
    remediation: "The kit sets the HTTPS listener's HSTS attribute and nginx `add_header Strict-Transport-Security \"max-age=31536000; includeSubDomains\" always;` at server level.",
});
