// policies/lib/alarms.ts without the policy SDK: what an alarm compares (metric, statistic,
// operator, threshold) against a requirement, its missing-data treatment, and which probes watch a target.
import { PolicyResource } from "@pulumi/policy";
import { CANARY, HEALTH_CHECK, METRIC_ALARM, ThresholdRequirement, alarmOf, missingDataProblem, probesOf, statisticOf, thresholdProblem } from "../../../policies/lib/alarms";

function fake(type: string, name: string, props: Record<string, unknown>, propertyDependencies: Record<string, PolicyResource[]> = {}): PolicyResource {
    return { type, name, urn: `urn:pulumi:test::fixture::${type}::${name}`, props, propertyDependencies, dependencies: Object.values(propertyDependencies).flat(), opts: {} } as unknown as PolicyResource;
}

const METRIC = { namespace: "CWAgent", metricName: "disk_used_percent", dimensions: { path: "/" }, period: 300 };
const problem = (props: Record<string, unknown>, requirement: ThresholdRequirement) => thresholdProblem(alarmOf(fake(METRIC_ALARM, "alarm", { ...METRIC, statistic: "Average", evaluationPeriods: 1, ...props })), requirement);
const ABOVE_80: ThresholdRequirement = { direction: "above", limit: 80, unit: "%" };

describe("thresholdProblem: the limit", () => {
    it.each([
        ["GreaterThanThreshold", 80, undefined],
        ["GreaterThanOrEqualToThreshold", 80, undefined],
        ["GreaterThanThreshold", 79, undefined],
        ["GreaterThanThreshold", 81, "fires above 81%; it must fire above 80% at the latest"],
        ["GreaterThanOrEqualToThreshold", 80.5, "fires at or above 80.5%; it must fire above 80% at the latest"],
    ])("above 80%%: %s %d", (comparisonOperator, threshold, expected) => {
        expect(problem({ comparisonOperator, threshold }, ABOVE_80)).toBe(expected);
    });

    it.each([
        ["LessThanThreshold", 30, undefined],
        ["LessThanOrEqualToThreshold", 30, undefined],
        ["LessThanThreshold", 29, "fires below 29 days; it must fire below 30 days at the latest"],
        ["LessThanOrEqualToThreshold", 29, "fires at or below 29 days; it must fire below 30 days at the latest"],
    ])("below 30 days: %s %d", (comparisonOperator, threshold, expected) => {
        expect(problem({ comparisonOperator, threshold }, { direction: "below", limit: 30, unit: " days" })).toBe(expected);
    });

    // The first failure must fire: "> 0" and ">= 1" do, "> 1" and ">= 2" do not.
    it.each([
        ["GreaterThanThreshold", 0, undefined],
        ["GreaterThanOrEqualToThreshold", 1, undefined],
        ["GreaterThanThreshold", 1, "fires above 1; it must fire at or above 1"],
        ["GreaterThanOrEqualToThreshold", 2, "fires at or above 2; it must fire at or above 1"],
    ])("at or above 1 (inclusive): %s %d", (comparisonOperator, threshold, expected) => {
        expect(problem({ comparisonOperator, threshold, statistic: "Sum" }, { direction: "above", limit: 1, inclusive: true, measure: "count" })).toBe(expected);
    });

    it.each([
        ["LessThanThreshold", 1, undefined],
        ["LessThanOrEqualToThreshold", 0, undefined],
        ["LessThanThreshold", 0, "fires below 0; it must fire at or below 0"],
        ["LessThanThreshold", 2, "fires below 2, so also at 1, the healthy value: it is always in alarm"],
        ["LessThanOrEqualToThreshold", 1, "fires at or below 1, so also at 1, the healthy value: it is always in alarm"],
    ])("down at 0, healthy at 1: %s %d", (comparisonOperator, threshold, expected) => {
        expect(problem({ comparisonOperator, threshold }, { direction: "below", limit: 0, inclusive: true, healthy: 1 })).toBe(expected);
    });

    it("names the wrong direction, and a missing threshold", () => {
        expect(problem({ comparisonOperator: "GreaterThanThreshold", threshold: 1 }, { direction: "below", limit: 0, inclusive: true, healthy: 1 })).toBe("fires when the value is above its threshold; it must fire when it goes at or below 0");
        expect(problem({ comparisonOperator: undefined, threshold: 80 }, ABOVE_80)).toBe("fires when the value is (no comparison) its threshold; it must fire when it goes above 80%");
        expect(problem({ comparisonOperator: "GreaterThanThreshold", threshold: undefined }, ABOVE_80)).toBe("has no threshold");
    });
});

describe("thresholdProblem: what is compared", () => {
    const query = (extra: Record<string, unknown> = {}) => ({ id: "m1", metric: { ...METRIC, stat: "Average" }, ...extra });
    const queries = (...metricQueries: Record<string, unknown>[]) => ({ namespace: undefined, metricName: undefined, dimensions: undefined, period: undefined, statistic: undefined, metricQueries, comparisonOperator: "GreaterThanThreshold", threshold: 80 });

    it("accepts a single metric query and reads its stat", () => {
        const alarm = alarmOf(fake(METRIC_ALARM, "alarm", queries(query({ returnData: true }))));
        expect(statisticOf(alarm)).toBe("Average");
        expect(thresholdProblem(alarm, ABOVE_80)).toBeUndefined();
    });
    it("refuses a metric math expression, even over a single metric", () => {
        expect(problem(queries(query({ returnData: false }), { id: "e1", expression: "m1/100", returnData: true }), ABOVE_80)).toBe('alarms on the metric math expression "m1/100" (query e1), not on the metric itself, so its threshold cannot be compared with 80%');
    });
    it("refuses a lone metric query that returns no data", () => {
        expect(problem(queries(query({ returnData: false })), ABOVE_80)).toBe("returns no data from its only metric query (m1, returnData: false), so its threshold cannot be compared with 80%");
    });
    it("refuses several metrics and anomaly bands", () => {
        expect(problem(queries(query(), { ...query(), id: "m2" }), ABOVE_80)).toMatch(/^alarms on 2 metrics at once, so its threshold cannot be compared/);
        expect(problem({ thresholdMetricId: "ad1" }, ABOVE_80)).toMatch(/^compares with an anomaly band \(thresholdMetricId\)/);
    });
});

describe("thresholdProblem: the statistic", () => {
    const above = (statistic: Record<string, unknown>, requirement: ThresholdRequirement = ABOVE_80) => problem({ comparisonOperator: "GreaterThanThreshold", threshold: 80, statistic: undefined, ...statistic }, requirement);
    const below = (statistic: Record<string, unknown>) => problem({ comparisonOperator: "LessThanThreshold", threshold: 30, statistic: undefined, ...statistic }, { direction: "below", limit: 30 });

    it("a level above a threshold: Average, Maximum or a high percentile", () => {
        expect(above({ statistic: "Average" })).toBeUndefined();
        expect(above({ statistic: "Maximum" })).toBeUndefined();
        expect(above({ extendedStatistic: "p95" })).toBeUndefined();
        expect(above({ statistic: "SampleCount" })).toBe("uses statistic SampleCount, which does not measure how high the value goes; it must use Average or Maximum (or a percentile p50 or higher)");
        expect(above({ statistic: "Minimum" })).toMatch(/^uses statistic Minimum/);
        expect(above({ statistic: "Sum" })).toMatch(/^uses statistic Sum/);
        expect(above({ extendedStatistic: "p10" })).toMatch(/^uses statistic p10/);
        expect(above({})).toBe("has no statistic; it must use Average or Maximum");
    });
    it("a level below a threshold: Minimum, Average or a low percentile", () => {
        expect(below({ statistic: "Minimum" })).toBeUndefined();
        expect(below({ statistic: "Average" })).toBeUndefined();
        expect(below({ extendedStatistic: "p10" })).toBeUndefined();
        expect(below({ statistic: "Maximum" })).toBe("uses statistic Maximum, which does not measure how low the value goes; it must use Minimum or Average (or a percentile p50 or lower)");
        expect(below({ extendedStatistic: "p99" })).toMatch(/^uses statistic p99/);
    });
    it("a count of events: Sum, or any of Sum/Average/Maximum when any event fires (> 0)", () => {
        const count = (comparisonOperator: string, threshold: number, statistic: string) => problem({ comparisonOperator, threshold, statistic }, { direction: "above", limit: 1, inclusive: true, measure: "count" });
        expect(count("GreaterThanOrEqualToThreshold", 1, "Sum")).toBeUndefined();
        expect(count("GreaterThanOrEqualToThreshold", 1, "Average")).toBe("uses statistic Average, which does not count the events of a period; it must use Sum");
        expect(count("GreaterThanOrEqualToThreshold", 1, "Maximum")).toMatch(/^uses statistic Maximum/);
        expect(count("GreaterThanThreshold", 0, "Average")).toBeUndefined();
        expect(count("GreaterThanThreshold", 0, "Maximum")).toBeUndefined();
        expect(count("GreaterThanThreshold", 0, "SampleCount")).toBe("uses statistic SampleCount, which does not count the events of a period; it must use Sum or Average or Maximum");
        expect(problem({ comparisonOperator: "GreaterThanThreshold", threshold: 20, statistic: "Average" }, { direction: "above", limit: 21, inclusive: true, measure: "count" })).toMatch(/^uses statistic Average/);
        expect(problem({ comparisonOperator: "GreaterThanThreshold", threshold: 20, extendedStatistic: "p99", statistic: undefined }, { direction: "above", limit: 21, inclusive: true, measure: "count" })).toMatch(/^uses statistic p99/);
    });
    it("reports the threshold and the statistic together", () => {
        expect(above({ statistic: "Minimum", threshold: 95 } as Record<string, unknown>)).toMatch(/^fires above 95%; it must fire above 80% at the latest; uses statistic Minimum/);
    });
});

describe("missingDataProblem", () => {
    const treated = (treatMissingData: unknown) => missingDataProblem(alarmOf(fake(METRIC_ALARM, "alarm", { ...METRIC, treatMissingData })));
    it("accepts only breaching", () => {
        expect(treated("breaching")).toBeUndefined();
        expect(treated("notBreaching")).toMatch(/^treats missing data as notBreaching, so it never fires when the host stops/);
        expect(treated("ignore")).toMatch(/^treats missing data as ignore/);
        expect(treated(undefined)).toMatch(/^treats missing data as missing \(the default\)/);
    });
});

describe("probesOf", () => {
    const record = fake("aws:route53/record:Record", "portal", { name: "portal.example.com", type: "A" });
    it("finds health checks and canaries by dependency or by literal host name", () => {
        const byDependency = fake(HEALTH_CHECK, "by-dependency", { fqdn: "<fqdn>" }, { fqdn: [record] });
        const byName = fake(HEALTH_CHECK, "by-name", { fqdn: "Portal.Example.com." });
        const canary = fake(CANARY, "canary", { name: "portal", runConfig: { environmentVariables: { URL: "https://portal.example.com:443/health?full=1" } } });
        const other = fake(HEALTH_CHECK, "other", { fqdn: "portal.example.com.evil.org" });
        const otherCanary = fake(CANARY, "other-canary", { name: "other", runConfig: { environmentVariables: { URL: "https://status.example.org/portal.example.com" } } });
        const noConfig = fake(CANARY, "no-config", { name: "bare" });
        expect(probesOf([record, byDependency, byName, canary, other, otherCanary, noConfig], [record], ["portal.example.com"]).map((probe) => probe.name)).toEqual(["by-dependency", "by-name", "canary"]);
    });
});
