import { ofType } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";

export default automatedRule({
    name: "intrusion-detection",
    items: ["VA-1.3.7"],
    description: "An intrusion detection system watches the account and hosts: an Amazon GuardDuty detector of the program is enabled (enable not false).",
    severity: "medium",
    remediationSteps: "The kit's account baseline enables GuardDuty. In your own program, add aws.guardduty.Detector {enable: true}.",
    validate: ({ resources, report }) => {
        if (!ofType(resources, "aws:guardduty/detector:Detector").some((detector) => detector.props.enable !== false)) {
            report("no enabled GuardDuty detector watches for intrusions");
        }
    },
});
