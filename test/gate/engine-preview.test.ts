// The mock engine in a first preview (`--preview`): inputs are known, everything a provider
// computes is unknown (ids, ARNs, generated passwords), as in `pulumi preview` of a new stack;
// a resource read with `.get()` is read in a preview too.
import * as path from "path";
import { loadProject } from "../../gate/project";
import { ProgramRun, RecordedResource, UNKNOWN, plain, runProgram } from "../../gate/program";
import { FIXTURES } from "../helpers/cli";

let run: ProgramRun;

beforeAll(async () => {
    const project = loadProject(path.join(FIXTURES, "programs", "engine"), "dev");
    run = await runProgram({ dir: project.dir, main: project.main, project: project.name, stack: "dev", config: project.config, preview: true, label: "src/index.js" });
});

function find(urnSuffix: string): RecordedResource {
    const found = run.resources.find((resource) => resource.urn.endsWith(urnSuffix));
    if (!found) throw new Error(`no resource ${urnSuffix}`);
    return found;
}

describe("the mock engine in a first preview", () => {
    it("sends what providers compute as unknown, and keeps the inputs", () => {
        const bucket = find("LogStore$aws:s3/bucket:Bucket::logs-bucket");
        expect(bucket.id).toBeUndefined();
        // Auto-names are known in a preview; computed outputs are not.
        expect(bucket.properties).toEqual({ bucket: "logs-bucket-9159d4d", tags: { owner: "platform-team" }, arn: UNKNOWN });
        expect(plain(find("RandomPassword::db").properties)).toEqual({ length: 20, special: false, result: UNKNOWN });
    });

    it("propagates unknowns into the inputs that depend on them", () => {
        expect(find("SecretVersion::db").inputs.secretString).toBe(UNKNOWN);
        expect(find("LogStore::logs").properties).toEqual({ bucketId: UNKNOWN, owner: "platform-team" });
        expect(plain(find("pulumi:pulumi:Stack::fixture-engine-dev").properties)).toEqual({ logBucket: UNKNOWN, existingBucket: "existing-bucket-id", password: UNKNOWN });
    });

    it("still reads resources with .get(), and knows provider config but not provider ids", () => {
        expect(find("aws:s3/bucket:Bucket::existing")).toMatchObject({ id: "existing-bucket-id", read: true, properties: { arn: expect.stringMatching(/^arn:aws:s3:eu-central-1:/) } });
        expect(find("pulumi:providers:aws::default_7_48_0").inputs).toMatchObject({ region: "eu-central-1" });
        expect(find("aws:s3/bucket:Bucket::existing").provider).toBe(`urn:pulumi:dev::fixture-engine::pulumi:providers:aws::default_7_48_0::${UNKNOWN}`);
        expect(find("aws:s3/bucket:Bucket::replica").provider).toBe(`urn:pulumi:dev::fixture-engine::pulumi:providers:aws::west::${UNKNOWN}`);
        // Invokes are answered in a preview: the region through the explicit provider is known.
        expect(plain(find("aws:s3/bucket:Bucket::replica").inputs)).toEqual({ bucket: "replica-8605cd8", tags: { owner: "nobody", region: "us-west-2" } });
    });
});
