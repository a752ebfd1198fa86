// The config reader's shared checks: CIDR blocks parsed as addresses, and the project's settings
// known, so that a mistyped key is refused rather than silently ignored.
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { ConfigReader, isCidr, mapConfigSource } from "../../stacks/config";
import { knownConfigKeys } from "../../stacks";

describe("isCidr", () => {
    it.each(["203.0.113.0/24", "10.0.0.0/8", "0.0.0.0/0", "198.51.100.7/32", "2001:db8::/32", "::/0", "2001:db8:0:1::/64", "::ffff:192.0.2.0/120"])("accepts %s", (cidr) => {
        expect(isCidr(cidr)).toBe(true);
    });

    it.each(["203.0.113.5/24", "10.999.0.0/16", "198.51.100.0/33", "1:2:3/64", "2001:db8::1/32", "2001:db8::/129", "10.0.0.0", "10.0.0.0/8/8", "10.0.0.0/x", "example.com/24"])("refuses %s", (cidr) => {
        expect(isCidr(cidr)).toBe(false);
    });
});

describe("the project's settings", () => {
    it("are exactly the keys Pulumi.yaml declares", () => {
        const project = parse(fs.readFileSync(path.join(__dirname, "..", "..", "Pulumi.yaml"), "utf8")) as { config: Record<string, unknown> };
        const declared = Object.keys(project.config).filter((key) => !key.includes(":"));
        expect([...knownConfigKeys()].sort()).toEqual(declared.sort());
    });

    it("refuses a key no reader knows, suggesting the nearest", () => {
        const reader = new ConfigReader(mapConfigSource("readiness-kit", { wardenExtension: 500, wardenDomain: "example.com", colour: "blue" }));
        reader.refuseUnknownKeys(knownConfigKeys());
        expect(reader.problems).toEqual([
            { propertyPath: "readiness-kit:wardenExtension", reason: "not a setting of this project (did you mean wardenExtensions?); see Pulumi.yaml for the settings" },
            { propertyPath: "readiness-kit:colour", reason: "not a setting of this project; see Pulumi.yaml for the settings" },
        ]);
    });
});
