// The mock engine, in-process: what it records for each resource and how it answers invokes.
import * as path from "path";
import { FIXTURES } from "../helpers/cli";
import { loadProject } from "../../gate/project";
import { ProgramRun, plain, runProgram } from "../../gate/program";

const dir = path.join(FIXTURES, "programs", "basic");
let run: ProgramRun;

beforeAll(async () => {
    const project = loadProject(dir, "dev");
    run = await runProgram({ dir: project.dir, main: project.main, project: project.name, stack: "dev", config: project.config, preview: false, label: "index.ts" });
});

function find(type: string, name: string) {
    const found = run.resources.find((resource) => resource.type === type && resource.name === name);
    if (!found) throw new Error(`no ${type} ${name}`);
    return found;
}

describe("the mock engine", () => {
    it("records every resource with the engine's URNs, the stack as root, and the default providers the engine adds", () => {
        expect(run.resources.map((resource) => resource.urn).sort()).toEqual([
            "urn:pulumi:dev::fixture-basic::pulumi:pulumi:Stack::fixture-basic-dev",
            "urn:pulumi:dev::fixture-basic::pulumi:providers:aws::default_7_48_0",
            "urn:pulumi:dev::fixture-basic::pulumi:providers:random::default_4_21_2",
            "urn:pulumi:dev::fixture-basic::aws:kms/key:Key::data",
            "urn:pulumi:dev::fixture-basic::random:index/randomPassword:RandomPassword::db",
            "urn:pulumi:dev::fixture-basic::aws:ec2/instance:Instance::host",
            "urn:pulumi:dev::fixture-basic::aws:secretsmanager/secretVersion:SecretVersion::db",
            "urn:pulumi:dev::fixture-basic::aws:s3/bucket:Bucket::data-0",
            "urn:pulumi:dev::fixture-basic::aws:s3/bucket:Bucket::data-1",
            "urn:pulumi:dev::fixture-basic::aws:s3/bucket:Bucket$aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration::data-0",
            "urn:pulumi:dev::fixture-basic::aws:s3/bucket:Bucket$aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration::data-1",
        ].sort());
    });

    it("loads config: defaults, stack values, types and provider keys", () => {
        const bucket = find("aws:s3/bucket:Bucket", "data-1");
        expect(plain(bucket.inputs)).toEqual({
            bucket: "data-1-b153947",
            tags: { owner: "platform-team", zone: "eu-west-1a", zones: "a,b", account: "123456789012" },
        });
    });

    it("answers invokes: zones, identity, Canonical's AMI parameter", () => {
        const host = find("aws:ec2/instance:Instance", "host");
        expect(plain(host.inputs)).toEqual({ ami: expect.stringMatching(/^ami-[0-9a-f]{17}$/), instanceType: "t3.micro", tags: { owner: "platform-team" } });
    });

    it("records parents, dependencies and options", () => {
        const config = find("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "data-0");
        expect(config.parent).toBe("urn:pulumi:dev::fixture-basic::aws:s3/bucket:Bucket::data-0");
        expect(config.propertyDependencies).toEqual({
            bucket: ["urn:pulumi:dev::fixture-basic::aws:s3/bucket:Bucket::data-0"],
            rules: ["urn:pulumi:dev::fixture-basic::aws:kms/key:Key::data"],
        });
        expect(find("aws:s3/bucket:Bucket", "data-0").options).toMatchObject({ protect: true, retainOnDelete: false });
        expect(find("aws:ec2/instance:Instance", "host").options).toMatchObject({ protect: false, retainOnDelete: true, ignoreChanges: ["ami"] });
    });

    it("gives deterministic ids and ARNs", () => {
        const key = find("aws:kms/key:Key", "data");
        expect(key.id).toBe("key-96d3c083c9700a356");
        expect(plain(key.properties)).toMatchObject({ arn: "arn:aws:kms:eu-west-1:123456789012:key/key-96d3c083c9700a356" });
    });

    it("keeps secrets secret: additionalSecretOutputs and what flows from them", () => {
        const password = find("random:index/randomPassword:RandomPassword", "db");
        expect((password.properties.result as Record<string, unknown>)["4dabf18193072939515e22adb298388d"]).toBeDefined();
        const version = find("aws:secretsmanager/secretVersion:SecretVersion", "db");
        expect((version.inputs.secretString as Record<string, unknown>)["4dabf18193072939515e22adb298388d"]).toBeDefined();
        expect(plain(version.inputs.secretString)).toHaveLength(24);
    });

    it("returns the program's exports as stack outputs", () => {
        expect(run.outputs).toEqual({
            buckets: [find("aws:s3/bucket:Bucket", "data-0").id, find("aws:s3/bucket:Bucket", "data-1").id],
            keyArn: "arn:aws:kms:eu-west-1:123456789012:key/key-96d3c083c9700a356",
            hostId: find("aws:ec2/instance:Instance", "host").id,
        });
    });
});
