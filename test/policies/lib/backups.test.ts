// AWS Backup schedule expressions (policies/lib/backups.ts): the days a cron expression runs on
// decide its frequency before its hours do.
import { Schedule, atLeast, parseSchedule } from "../../../policies/lib/backups";

const frequency = (expression: string) => parseSchedule(expression).frequency;

describe("parseSchedule", () => {
    it.each<[string, Schedule["frequency"]]>([
        ["cron(0 2 * * ? *)", "daily"],
        ["cron(30 2 ? * * *)", "daily"],
        ["cron(0 3 ? * SUN *)", "weekly"],
        ["cron(0 2 ? * MON-FRI *)", "weekly"],
        ["cron(0 2 ? * 1,4 *)", "weekly"],
        ["cron(0 2 1 * ? *)", "monthly"],
        ["cron(0 2 1,15 * ? *)", "monthly"],
        ["cron(0 2 L * ? *)", "monthly"],
        ["cron(0 2 ? * MON#1 *)", "monthly"],
        ["cron(0 2 ? * 6L *)", "monthly"],
        ["cron(0 2 28 * ? *)", "monthly"],
        ["rate(1 hour)", "hourly"],
        ["rate(12 hours)", "daily"],
        ["rate(7 days)", "weekly"],
    ])("%s runs %s", (expression, expected) => {
        expect(frequency(expression)).toBe(expected);
    });

    it("reads the days before the hours: several runs a day on some days only are not daily", () => {
        expect(frequency("cron(0 * ? * SUN *)")).toBe("weekly");
        expect(frequency("cron(0 */2 1 * ? *)")).toBe("monthly");
        expect(frequency("cron(0 0-1 1 1 ? *)")).toBe("other");
    });

    it("counts restricted months, years and days missing from some months as rarer than monthly", () => {
        expect(frequency("cron(0 2 * 1 ? *)")).toBe("other");
        expect(frequency("cron(0 2 * * ? 2030)")).toBe("other");
        expect(frequency("cron(0 2 29 * ? *)")).toBe("other");
        expect(frequency("cron(0 2 31 * ? *)")).toBe("other");
        expect(frequency("cron(0 2 1 * MON *)")).toBe("other");
    });

    it("keeps the hour and minute of a run once a day", () => {
        expect(parseSchedule("cron(15 2 * * ? *)")).toEqual({ expression: "cron(15 2 * * ? *)", frequency: "daily", hour: 2, minute: 15 });
        expect(parseSchedule("cron(0 * ? * SUN *)")).toMatchObject({ frequency: "weekly", hour: undefined });
    });

    it("does not read other expressions", () => {
        expect(frequency("at(2030-01-01T00:00:00)")).toBe("other");
        expect(frequency("cron(0 2 * *)")).toBe("other");
    });
});

describe("atLeast", () => {
    it("passes at the limit and fails just past it", () => {
        expect(atLeast(parseSchedule("cron(0 2 * * ? *)"), "daily")).toBe(true);
        expect(atLeast(parseSchedule("cron(0 2 ? * MON-SAT *)"), "daily")).toBe(false);
        expect(atLeast(parseSchedule("cron(0 2 ? * SUN *)"), "weekly")).toBe(true);
        expect(atLeast(parseSchedule("cron(0 2 1 * ? *)"), "weekly")).toBe(false);
        expect(atLeast(parseSchedule("cron(0 2 28 * ? *)"), "monthly")).toBe(true);
        expect(atLeast(parseSchedule("cron(0 2 29 * ? *)"), "monthly")).toBe(false);
    });

    it("never passes Sunday-only hourly runs or a twice-yearly burst as daily", () => {
        expect(atLeast(parseSchedule("cron(0 * ? * SUN *)"), "daily")).toBe(false);
        expect(atLeast(parseSchedule("cron(0 0-1 1 1 ? *)"), "daily")).toBe(false);
        expect(atLeast(parseSchedule("cron(0 */6 * * ? *)"), "daily")).toBe(true);
    });

    it("fails without a schedule", () => {
        expect(atLeast(undefined, "monthly")).toBe(false);
    });
});
