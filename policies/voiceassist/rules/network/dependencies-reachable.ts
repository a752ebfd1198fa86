import { PolicyResource } from "@pulumi/policy";
import { primaryPostgres, proxiesFor } from "../../../lib/databases";
import { admitting, groupsIn, ingressRules } from "../../../lib/network";
import { describeObject, policiesSelecting, policyRules, policyTypes, rulePermitsPort } from "../../../lib/kubernetes";
import { automatedRule } from "../../../lib/rule";
import { NO_APP_WORKLOAD, appWorkloads } from "../../voiceassist";

export default automatedRule<{ ports: Record<string, number> }>({
    name: "dependencies-reachable",
    items: ["VA-10.2.3"],
    description:
        "The application can reach its dependencies: for each app workload whose NetworkPolicies restrict egress, some policy selecting it allows egress on each dependency port (PostgreSQL 5432, Redis 6379, Qdrant 6333); and a security group of the primary database (or of its RDS Proxy) admits PostgreSQL from another security group (the cluster's nodes).",
    severity: "high",
    remediationSteps: "The kit's app NetworkPolicies allow egress to the database, Redis and Qdrant ports, and the database security group admits the EKS nodes' group on 5432. In your own program, add those egress rules and an aws.vpc.SecurityGroupIngressRule with referencedSecurityGroupId.",
    config: { ports: { type: "object", additionalProperties: { type: "integer" }, default: { PostgreSQL: 5432, Redis: 6379, Qdrant: 6333 }, description: "Dependency name -> port the application connects to." } },
    validate: ({ resources, config, report }) => {
        const workloads = appWorkloads(resources);
        if (workloads.length === 0) {
            report(NO_APP_WORKLOAD);
        }
        for (const workload of workloads) {
            const policies = policiesSelecting(resources, workload);
            if (!policies.some((policy) => policyTypes(policy).includes("Egress"))) {
                continue;
            }
            const egress = policies.flatMap(policyRules).filter((rule) => rule.direction === "Egress");
            for (const [name, port] of Object.entries(config.ports)) {
                if (!egress.some((rule) => rulePermitsPort(rule, port))) {
                    report(`${describeObject(workload)} may not connect to ${name} (port ${port}): no NetworkPolicy selecting it allows that egress`, workload);
                }
            }
        }
        const databases = primaryPostgres(resources);
        if (databases.length === 0) {
            report("no PostgreSQL database exists for the application to reach");
        }
        const rules = ingressRules(resources);
        const postgres = { protocol: "tcp", fromPort: 5432, toPort: 5432 };
        for (const database of databases) {
            const fronts: PolicyResource[] = [database, ...proxiesFor(resources, database)];
            const admitted = fronts.some((front) => admitting(rules, groupsIn(front, "vpcSecurityGroupIds", "securityGroups"), postgres).some((rule) => rule.sourceGroups.length > 0 || rule.cidrs.length > 0));
            if (!admitted) {
                report("has no security group rule admitting PostgreSQL (5432) from the application's network", database);
            }
        }
    },
});
