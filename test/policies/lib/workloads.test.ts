// IAM policy statements and the containers helm charts run, without a policy run.
import { PolicyResource } from "@pulumi/policy";
import { chartContainerLimits, chartContainers } from "../../../policies/lib/chart-containers";
import { hasCondition, isEveryone, policyStatements, statementCoversAction, wildcardMatches } from "../../../policies/lib/iam-policies";

const release = (chart: string, values: Record<string, unknown> = {}) => ({ props: { chart, values } }) as unknown as PolicyResource;
const running = (chart: string, values?: Record<string, unknown>) => chartContainers(release(chart, values))?.map((container) => container.path ?? container.what);

describe("IAM policy documents", () => {
    it("normalizes statements and rejects what is not a policy", () => {
        const statements = policyStatements(JSON.stringify({ Statement: { Effect: "Deny", Principal: "*", Action: "backup:Delete*", Resource: "*" } }));
        expect(statements).toEqual([{ effect: "Deny", actions: ["backup:Delete*"], notActions: [], principal: "*", notPrincipal: undefined, resources: ["*"], notResources: [], condition: undefined }]);
        expect(policyStatements("{")).toMatch(/^is not valid JSON/);
        expect(policyStatements("[]")).toBe("has no Statement");
    });
    it("matches actions like IAM", () => {
        expect(wildcardMatches("backup:Delete*", "backup:deleterecoverypoint", true)).toBe(true);
        expect(wildcardMatches("backup:Delete?", "backup:DeleteRecoveryPoint", true)).toBe(false);
        const [notDescribe] = policyStatements(JSON.stringify({ Statement: [{ Effect: "Deny", NotAction: "backup:Describe*" }] })) as Exclude<ReturnType<typeof policyStatements>, string>;
        expect(statementCoversAction(notDescribe, "backup:DeleteRecoveryPoint")).toBe(true);
        expect(statementCoversAction(notDescribe, "backup:DescribeBackupVault")).toBe(false);
    });
    it("knows every principal and narrowing conditions", () => {
        expect([isEveryone("*"), isEveryone({ AWS: "*" }), isEveryone({ AWS: ["arn:aws:iam::1:root", "*"] }), isEveryone({ AWS: "arn:aws:iam::1:root" }), isEveryone({ Service: "*" })]).toEqual([true, true, true, false, false]);
        const [statement] = policyStatements(JSON.stringify({ Statement: [{ Effect: "Deny", Condition: {} }] })) as Exclude<ReturnType<typeof policyStatements>, string>;
        expect(hasCondition(statement)).toBe(false);
    });
});

describe("chart containers", () => {
    it("follows the charts' defaults", () => {
        expect(running("kube-prometheus-stack")).toEqual([
            "prometheus.prometheusSpec.resources",
            "alertmanager.alertmanagerSpec.resources",
            "prometheusOperator.prometheusConfigReloader.resources",
            "prometheusOperator.resources",
            "prometheusOperator.admissionWebhooks.patch.resources",
            "kube-state-metrics.resources",
            "prometheus-node-exporter.resources",
            "grafana.resources",
            "grafana.sidecar.resources",
        ]);
        expect(running("oci://registry-1.docker.io/bitnamicharts/redis")).toEqual(["master.resources", "replica.resources"]);
        expect(running("loki", { deploymentMode: "SingleBinary", gateway: { enabled: false }, lokiCanary: { enabled: "false" }, chunksCache: { enabled: false }, resultsCache: { enabled: false } })).toEqual(["singleBinary.resources", "sidecar.resources"]);
        expect(running("loki")).toEqual(["read.resources", "write.resources", "backend.resources", "sidecar.resources", "gateway.resources", "lokiCanary.resources", "chunksCache.resources", "resultsCache.resources", "memcachedExporter.resources"]);
        expect(running("unknown-chart")).toBeUndefined();
    });
    it("reads limits, Bitnami presets and Loki's memcached defaults", () => {
        const limitsOf = (chart: string, values: Record<string, unknown>, path: string) => chartContainerLimits(release(chart, values), chartContainers(release(chart, values))!.find((container) => container.path === path)!);
        expect(limitsOf("redis", {}, "master.resources")).toEqual(["cpu", "memory", "ephemeral-storage"]);
        expect(limitsOf("redis", { master: { resourcesPreset: "none" } }, "master.resources")).toEqual([]);
        expect(limitsOf("redis", { master: { resources: { requests: { cpu: "1" } } } }, "master.resources")).toEqual([]);
        expect(limitsOf("loki", {}, "chunksCache.resources")).toEqual(["memory"]);
        expect(limitsOf("promtail", { resources: { limits: { cpu: "1", memory: null } } }, "resources")).toEqual(["cpu"]);
    });
});
