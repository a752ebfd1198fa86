import { majorVersion } from "../../../lib/databases";
import { automatedRule } from "../../../lib/rule";
import { requireDatabases } from "../../voiceassist";

export default automatedRule<{ minMajorVersion: number }>({
    name: "postgres-primary",
    items: ["VA-5.1.1", "VA-9.1.1"],
    description:
        "The program runs a primary PostgreSQL server (an RDS instance with engine postgres, or an Aurora PostgreSQL cluster: the managed equivalent of the PostgreSQL container) on a supported major version (engineVersion at least minMajorVersion), not reachable from the internet (publiclyAccessible false).",
    severity: "critical",
    remediationSteps: "The kit creates an RDS PostgreSQL 16 primary (`readiness-kit:voiceassistDbEngineVersion`). In your own program, add an aws.rds.Instance with engine postgres, a current engineVersion and publiclyAccessible false.",
    config: { minMajorVersion: { type: "integer", minimum: 9, default: 14, description: "Oldest PostgreSQL major version allowed." } },
    validate: (context) => {
        for (const database of requireDatabases(context)) {
            const major = majorVersion(database.props.engineVersion);
            if (major === undefined || major < context.config.minMajorVersion) {
                context.report(`runs PostgreSQL ${database.props.engineVersion ?? "(no engineVersion: whatever RDS picks)"}; ${context.config.minMajorVersion} or newer is required`, database);
            }
            if (database.props.publiclyAccessible === true) {
                context.report("is publicly accessible", database);
            }
        }
    },
});
