import { PolicyResource } from "@pulumi/policy";
import { parameterGroupOf, parametersOf, postgresDatabases } from "../../../lib/databases";
import { customerManagedKey } from "../../../lib/kms";
import { clusterLogTypes, eksClusters } from "../../../lib/kubernetes";
import { exportedLogs } from "../../../lib/logs";
import { ofType } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { requireDatabases } from "../../voiceassist";

export const TRAIL = "aws:cloudtrail/trail:Trail";

/** Why a trail does not record every region's API calls tamper-evidently and encrypted, or undefined. */
export function trailProblem(trail: PolicyResource): string | undefined {
    if (trail.props.enableLogging === false) {
        return "is stopped (enableLogging: false), so it records nothing";
    }
    if (trail.props.isMultiRegionTrail !== true) {
        return "records one region only (isMultiRegionTrail)";
    }
    if (trail.props.enableLogFileValidation !== true) {
        return "does not validate its log files (enableLogFileValidation)";
    }
    if (!customerManagedKey(trail, "kmsKeyId")) {
        return "does not encrypt its logs with a customer-managed KMS key (kmsKeyId)";
    }
    return undefined;
}

/**
 * The statement classes pgaudit.log turns on: a comma list applied in order, `-class` removing one,
 * `all` adding every class and `none` (the default) adding nothing.
 */
export function pgauditClasses(setting: string | undefined): Set<string> {
    const all = ["read", "write", "function", "role", "ddl", "misc", "misc_set"];
    const classes = new Set<string>();
    for (const raw of (setting ?? "").split(",")) {
        const entry = raw.trim().toLowerCase();
        const remove = entry.startsWith("-");
        const name = entry.replace(/^[-+]/, "").trim();
        const named = name === "all" ? all : name === "none" || name === "" ? [] : [name];
        named.forEach((item) => (remove ? classes.delete(item) : classes.add(item)));
    }
    return classes;
}

export default automatedRule({
    name: "audit-logging",
    items: ["VA-11.1.4"],
    description:
        "Access to PHI systems is audited on every layer: a CloudTrail trail is logging (enableLogging not false) API calls in every region with log file validation and a customer-managed KMS key (isMultiRegionTrail, enableLogFileValidation, kmsKeyId); every EKS cluster sends its audit log (enabledClusterLogTypes includes audit); every PostgreSQL instance (primaries and replicas) loads pgaudit (shared_preload_libraries) with pgaudit.log auditing at least one class (not none or empty), and publishes its postgresql log, where pgaudit writes, to CloudWatch Logs (enabledCloudwatchLogsExports includes postgresql).",
    severity: "critical",
    remediationSteps:
        "The kit creates the account trail, enables the EKS audit log, loads pgaudit with pgaudit.log=ddl,role,write and exports the postgresql log. In your own program, add the same, including enabledCloudwatchLogsExports: [\"postgresql\"] on every PostgreSQL instance and its read replicas.",
    validate: (context) => {
        const trails = ofType(context.resources, TRAIL);
        if (trails.length === 0) {
            context.report("no CloudTrail trail records API calls");
        } else if (!trails.some((trail) => trailProblem(trail) === undefined)) {
            for (const trail of trails) {
                context.report(`${trailProblem(trail)}; a trail logging every region with log file validation and a customer-managed KMS key is required`, trail);
            }
        }
        const clusters = eksClusters(context.resources);
        if (clusters.length === 0) {
            context.report("no EKS cluster exists whose audit log could be shown");
        }
        for (const cluster of clusters.filter((entry) => !clusterLogTypes(entry).includes("audit"))) {
            context.report("does not send its Kubernetes audit log (enabledClusterLogTypes: audit)", cluster);
        }
        requireDatabases(context);
        // Replicas answer queries on PHI too: each instance audits and publishes its own log.
        for (const database of postgresDatabases(context.resources)) {
            const parameters = parametersOf(parameterGroupOf(database));
            const loaded = (parameters.get("shared_preload_libraries") ?? "").split(",").map((entry) => entry.trim()).includes("pgaudit");
            const setting = parameters.get("pgaudit.log");
            if (!loaded) {
                context.report("does not audit database activity: pgaudit is not in shared_preload_libraries", database);
            } else if (pgauditClasses(setting).size === 0) {
                context.report(`does not audit database activity: pgaudit.log is ${setting === undefined ? "unset (none)" : `"${setting}"`}; at least one statement class (e.g. ddl,role,write) is required`, database);
            }
            if (!exportedLogs(database).includes("postgresql")) {
                context.report("keeps its postgresql log, where pgaudit writes, on the instance only (enabledCloudwatchLogsExports does not include postgresql), where RDS deletes it after 3 days by default", database);
            }
        }
    },
});
