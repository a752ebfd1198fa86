import { ofType } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { eachPbxConfig, setting } from "../../pbx";

export const TRAIL = "aws:cloudtrail/trail:Trail";

export default automatedRule({
    name: "audit-logs",
    items: ["WP-4.2.1.7"],
    description:
        "Admin actions are audited on both levels: the PBX's config.yml enables its security audit log (security.audit.enabled: true) and a CloudTrail trail of the program records API actions in every region with log file validation (isMultiRegionTrail, enableLogFileValidation).",
    severity: "high",
    remediationSteps: "Set security.audit.enabled: true in config.yml and create an aws.cloudtrail.Trail with isMultiRegionTrail and enableLogFileValidation (the kit does both).",
    validate: (context) => {
        eachPbxConfig(context, (file, source) => {
            if (setting(file.data, "security.audit.enabled") !== true) {
                context.report(`${file.source} does not enable the PBX's audit log (security.audit.enabled)`, source);
            }
        });
        const trails = ofType(context.resources, TRAIL);
        if (!trails.some((trail) => trail.props.isMultiRegionTrail === true && trail.props.enableLogFileValidation === true)) {
            context.report(trails.length === 0 ? "no CloudTrail trail records administrative API actions" : "no CloudTrail trail covers every region with log file validation");
        }
    },
});
