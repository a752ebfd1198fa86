// The invokes real programs make while building resources, answered for the gate's fictitious
// account; anything else is an error that names the token, never a guess.
import { ANSWERED_INVOKES, UnansweredInvokeError, answerInvoke } from "../../gate/mocks/invokes";

describe("answerInvoke", () => {
    it("answers region, zones, caller identity and partition for the stack's region", () => {
        expect(answerInvoke("aws:index/getRegion:getRegion", {}, "eu-west-1")).toMatchObject({ name: "eu-west-1", region: "eu-west-1" });
        expect(answerInvoke("aws:index/getAvailabilityZones:getAvailabilityZones", { state: "available" }, "eu-west-1")).toMatchObject({ names: ["eu-west-1a", "eu-west-1b", "eu-west-1c"] });
        expect(answerInvoke("aws:index/getCallerIdentity:getCallerIdentity", {}, "eu-west-1")).toMatchObject({ accountId: "123456789012" });
        expect(answerInvoke("aws:index/getPartition:getPartition", {}, "eu-west-1")).toMatchObject({ partition: "aws", dnsSuffix: "amazonaws.com" });
    });

    it("answers Canonical's public Ubuntu AMI parameter with a stable AMI id per region", () => {
        const name = "/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id";
        const east = answerInvoke("aws:ssm/getParameter:getParameter", { name }, "us-east-1");
        expect(east).toMatchObject({ name, type: "String", value: expect.stringMatching(/^ami-[0-9a-f]{17}$/) });
        expect(answerInvoke("aws:ssm/getParameter:getParameter", { name }, "us-east-1").value).toBe(east.value);
        expect(answerInvoke("aws:ssm/getParameter:getParameter", { name }, "eu-west-1").value).not.toBe(east.value);
    });

    it("answers an AMI lookup by name filter and owner", () => {
        const ami = answerInvoke("aws:ec2/getAmi:getAmi", { mostRecent: true, owners: ["099720109477"], filters: [{ name: "name", values: ["ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*"] }] }, "us-east-1");
        expect(ami).toMatchObject({ id: expect.stringMatching(/^ami-[0-9a-f]{17}$/), ownerId: "099720109477", name: "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20261101", mostRecent: true });
    });

    it("renders IAM policy documents as the provider does", () => {
        const document = answerInvoke("aws:iam/getPolicyDocument:getPolicyDocument", { statements: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"], principals: [{ type: "Service", identifiers: ["ec2.amazonaws.com"] }] }] }, "us-east-1");
        expect(JSON.parse(String(document.json))).toEqual({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*", Principal: { Service: "ec2.amazonaws.com" } }] });
    });

    it("refuses what only the account knows, naming the token", () => {
        expect(() => answerInvoke("aws:ec2/getVpc:getVpc", { default: true }, "us-east-1")).toThrow(UnansweredInvokeError);
        expect(() => answerInvoke("aws:ec2/getVpc:getVpc", {}, "us-east-1")).toThrow(/^invoke 'aws:ec2\/getVpc:getVpc' has no offline answer: /);
        expect(() => answerInvoke("aws:ssm/getParameter:getParameter", { name: "/prod/db/password" }, "us-east-1")).toThrow(/parameter \/prod\/db\/password is private to the account/);
        expect(ANSWERED_INVOKES).toEqual(expect.arrayContaining(["aws:index/getRegion:getRegion", "aws:ssm/getParameter:getParameter", "aws:ec2/getAmi:getAmi"]));
    });
});
