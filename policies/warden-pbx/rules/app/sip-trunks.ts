import { automatedRule } from "../../../lib/rule";
import { eachPbxConfig, setting } from "../../pbx";

const VARIABLE = /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/;

export default automatedRule({
    name: "sip-trunks",
    items: ["WP-2.1.2.8"],
    description: "The PBX's config.yml configures SIP trunks: a non-empty `trunks` list whose entries each name a host, with credentials given as ${VARIABLE} references from the environment file, never literals.",
    severity: "medium",
    remediationSteps: "Set `readiness-kit:wardenSipTrunks` in the kit; the trunk password goes to the app-env secret. In your own program, add trunks to config.yml with ${TRUNK_PASSWORD}-style references.",
    validate: (context) => {
        eachPbxConfig(context, (file, source) => {
            const trunks = setting(file.data, "trunks");
            if (!Array.isArray(trunks) || trunks.length === 0) {
                context.report(`${file.source} configures no SIP trunk, so calls cannot reach the public network`, source);
                return;
            }
            trunks.forEach((trunk: Record<string, unknown>, index) => {
                if (typeof trunk?.host !== "string" || trunk.host === "") {
                    context.report(`${file.source} trunk ${index + 1} names no host`, source);
                }
                if (trunk?.password !== undefined && !(typeof trunk.password === "string" && VARIABLE.test(trunk.password))) {
                    context.report(`${file.source} trunk ${index + 1} holds its password as a literal`, source);
                }
            });
        });
    },
});
