import { ofType, referrers } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";

export const RECORDER = "aws:cfg/recorder:Recorder";
export const RECORDER_STATUS = "aws:cfg/recorderStatus:RecorderStatus";
export const DELIVERY_CHANNEL = "aws:cfg/deliveryChannel:DeliveryChannel";

/** Why AWS Config does not record every resource change, or undefined. */
export function configRecorderProblem(resources: import("@pulumi/policy").PolicyResource[]): string | undefined {
    const recorders = ofType(resources, RECORDER);
    if (recorders.length === 0) {
        return "no AWS Config recorder records resource configurations";
    }
    const recording = recorders.filter((recorder) => {
        const group = (recorder.props.recordingGroup ?? { allSupported: true }) as Record<string, unknown>;
        return group.allSupported !== false && referrers(resources, recorder, "name", RECORDER_STATUS).some((status) => status.props.isEnabled === true);
    });
    if (recording.length === 0) {
        return "no AWS Config recorder records all supported resources and is started (aws:cfg/recorderStatus isEnabled)";
    }
    if (ofType(resources, DELIVERY_CHANNEL).length === 0) {
        return "AWS Config has no delivery channel, so recorded changes are not kept";
    }
    return undefined;
}

export default automatedRule({
    name: "security-audits",
    items: ["VA-11.5.1"],
    description:
        "Security audits run automatically: an AWS Config recorder records all supported resources, is started (recorderStatus isEnabled) and delivers to a channel, so AWS Config rules and Security Hub can evaluate the environment continuously.",
    severity: "high",
    remediationSteps: "The kit's account baseline creates the Config recorder, its status and delivery channel. In your own program, add aws.cfg.Recorder (recordingGroup.allSupported), RecorderStatus (isEnabled) and DeliveryChannel.",
    validate: ({ resources, report }) => {
        const problem = configRecorderProblem(resources);
        if (problem) {
            report(problem);
        }
    },
});
