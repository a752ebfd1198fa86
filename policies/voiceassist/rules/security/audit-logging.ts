import { parameterGroupOf, parametersOf } from "../../../lib/databases";
import { clusterLogTypes, eksClusters } from "../../../lib/kubernetes";
import { ofType, referenced } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { requireDatabases } from "../../voiceassist";

export const TRAIL = "aws:cloudtrail/trail:Trail";

export default automatedRule({
    name: "audit-logging",
    items: ["VA-11.1.4"],
    description:
        "Access to PHI systems is audited on every layer: a CloudTrail trail records API calls in every region with log file validation and KMS encryption (isMultiRegionTrail, enableLogFileValidation, kmsKeyId); every EKS cluster sends its audit log (enabledClusterLogTypes includes audit); every primary PostgreSQL database loads pgaudit (shared_preload_libraries) with pgaudit.log set.",
    severity: "critical",
    remediationSteps: "The kit creates the account trail, enables the EKS audit log and loads pgaudit with pgaudit.log=ddl,role,write. In your own program, add the same.",
    validate: (context) => {
        const trails = ofType(context.resources, TRAIL);
        const good = trails.filter((trail) => trail.props.isMultiRegionTrail === true && trail.props.enableLogFileValidation === true && (referenced(trail, "kmsKeyId").length > 0 || typeof trail.props.kmsKeyId === "string"));
        if (good.length === 0) {
            context.report(trails.length === 0 ? "no CloudTrail trail records API calls" : "no CloudTrail trail covers every region with log file validation and KMS encryption", trails[0]);
        }
        const clusters = eksClusters(context.resources);
        if (clusters.length === 0) {
            context.report("no EKS cluster exists whose audit log could be shown");
        }
        for (const cluster of clusters.filter((entry) => !clusterLogTypes(entry).includes("audit"))) {
            context.report("does not send its Kubernetes audit log (enabledClusterLogTypes: audit)", cluster);
        }
        for (const database of requireDatabases(context)) {
            const parameters = parametersOf(parameterGroupOf(database));
            if (!(parameters.get("shared_preload_libraries") ?? "").split(",").map((entry) => entry.trim()).includes("pgaudit") || !parameters.get("pgaudit.log")) {
                context.report("does not audit database activity (pgaudit in shared_preload_libraries and pgaudit.log)", database);
            }
        }
    },
});
