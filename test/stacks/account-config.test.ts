import { ConfigReader, mapConfigSource } from "../../stacks/config";
import { readAccountConfig } from "../../stacks";

function read(values: Record<string, unknown>, blueprints: string[]) {
    const reader = new ConfigReader(mapConfigSource("readiness-kit", values));
    const config = readAccountConfig(reader, blueprints);
    return { config, problems: reader.problems.map((problem) => `${problem.propertyPath}: ${problem.reason}`) };
}

describe("account config", () => {
    it("keeps the audit trail 7 years by default", () => {
        expect(read({}, ["warden-pbx", "voiceassist"])).toEqual({ config: { auditRetentionDays: 2557 }, problems: [] });
    });

    it("lets a stack without VoiceAssist keep its audit trail one year", () => {
        expect(read({ auditRetentionDays: 365 }, ["warden-pbx"])).toEqual({ config: { auditRetentionDays: 365 }, problems: [] });
    });

    it.each([
        [{ auditRetentionDays: 365 }, ["warden-pbx", "voiceassist"], "readiness-kit:auditRetentionDays: must be at least 2557 (VoiceAssist keeps HIPAA audit logs 7 years), got 365"],
        [{ auditRetentionDays: 2556 }, ["voiceassist"], "readiness-kit:auditRetentionDays: must be at least 2557 (VoiceAssist keeps HIPAA audit logs 7 years), got 2556"],
        [{ auditRetentionDays: 364 }, ["warden-pbx"], "readiness-kit:auditRetentionDays: must be at least 365 (audit trails are kept at least a year), got 364"],
        [{ auditRetentionDays: 500 }, ["warden-pbx"], "readiness-kit:auditRetentionDays: CloudWatch Logs keeps 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 days, not 500"],
        [{ auditRetentionDays: 3000 }, ["voiceassist"], "readiness-kit:auditRetentionDays: CloudWatch Logs keeps 2557, 2922, 3288, 3653 days, not 3000"],
        [{ auditRetentionDays: "seven years" }, ["voiceassist"], "readiness-kit:auditRetentionDays: must be an integer, got 'seven years'"],
    ])("refuses %j with blueprints %j", (values, blueprints, problem) => {
        expect(read(values, blueprints).problems).toEqual([problem]);
    });
});
