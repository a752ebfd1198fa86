// KMS key references (policies/lib/kms.ts): literals (customer-managed keys pass, AWS-managed aliases fail), references to the program's keys and aliases, and values nested in one property.
import { PolicyResource } from "@pulumi/policy";
import { KMS_ALIAS, KMS_KEY, customerKeyLiteral, customerManagedKey } from "../../../policies/lib/kms";
import { UNKNOWN } from "../../helpers/policy-harness";

// The SDK's proxy over a resource's properties: reading an unknown value throws its UnknownValueError.
const { unknownCheckingProxy } = require("@pulumi/policy/proxy") as { unknownCheckingProxy<T>(value: T): T };

describe("customerKeyLiteral", () => {
    it.each([
        "arn:aws:kms:us-east-1:210987654321:key/0f6d4f3e-8a4b-4c1d-9e2f-3a5b7c9d1e2f",
        "arn:aws-us-gov:kms:us-gov-west-1:210987654321:key/mrk-1234567890abcdef1234567890abcdef",
        "0f6d4f3e-8a4b-4c1d-9e2f-3a5b7c9d1e2f",
        "alias/voiceassist",
        "arn:aws:kms:us-east-1:210987654321:alias/voiceassist-data",
    ])("accepts the customer-managed key %s", (value) => {
        expect(customerKeyLiteral(value)).toBe(true);
    });

    it.each([
        "alias/aws/secretsmanager",
        "alias/aws/ebs",
        "arn:aws:kms:us-east-1:123456789012:alias/aws/rds",
        "arn:aws:kms:us-east-1:123456789012:alias/aws/backup",
        "",
        "<key arn>",
        "arn:aws:kms:us-east-1:123456789012:key/not-a-key-id",
    ])("rejects %p", (value) => {
        expect(customerKeyLiteral(value)).toBe(false);
    });

    it("rejects values that are not strings", () => {
        expect(customerKeyLiteral(undefined)).toBe(false);
        expect(customerKeyLiteral(42)).toBe(false);
    });
});

describe("customerManagedKey", () => {
    /** A resource as a stack policy sees it: props, and the resources each property refers to. */
    const policyResource = (type: string, name: string, props: Record<string, unknown>, dependsOn: Record<string, PolicyResource[]> = {}): PolicyResource =>
        ({ type, name, urn: `urn:pulumi:test::fixture::${type}::${name}`, props, opts: {}, dependencies: Object.values(dependsOn).flat(), propertyDependencies: dependsOn }) as unknown as PolicyResource;
    const key = policyResource(KMS_KEY, "key", { enableKeyRotation: true });
    const alias = (targets: Record<string, PolicyResource[]>, targetKeyId: unknown = "<key id>") => policyResource(KMS_ALIAS, "alias", { name: "alias/app", targetKeyId }, targets);
    const volume = (kmsKeyId: unknown, dependsOn: Record<string, PolicyResource[]> = {}) => policyResource("aws:ebs/volume:Volume", "data", { encrypted: true, kmsKeyId }, dependsOn);
    /** A launch template with one mapping per key reference, all sharing the property's dependencies. */
    const template = (keys: unknown[], dependsOn: PolicyResource[] = []) =>
        policyResource("aws:ec2/launchTemplate:LaunchTemplate", "lt", { blockDeviceMappings: keys.map((kmsKeyId, index) => ({ deviceName: `/dev/sd${"af"[index]}`, ebs: { encrypted: "true", kmsKeyId } })) }, { blockDeviceMappings: dependsOn });
    const mappingKeys = (resource: PolicyResource) =>
        (resource.props.blockDeviceMappings as { ebs: Record<string, unknown> }[]).map((mapping) => customerManagedKey(resource, "blockDeviceMappings", { holder: mapping.ebs, key: "kmsKeyId" }));

    describe("a property naming one key", () => {
        it("passes when it refers to a key of the program, whatever its value (unknown in a first preview)", () => {
            expect(customerManagedKey(volume(UNKNOWN, { kmsKeyId: [key] }), "kmsKeyId")).toBe(true);
        });
        it("passes when it refers to an alias of the program targeting a key of the program", () => {
            expect(customerManagedKey(volume("<alias arn>", { kmsKeyId: [alias({ targetKeyId: [key] })] }), "kmsKeyId")).toBe(true);
        });
        it("passes when it refers to an alias of the program targeting a literal key id", () => {
            expect(customerManagedKey(volume("<alias arn>", { kmsKeyId: [alias({}, "0f6d4f3e-8a4b-4c1d-9e2f-3a5b7c9d1e2f")] }), "kmsKeyId")).toBe(true);
        });
        it("fails when the alias it refers to targets an AWS-managed alias", () => {
            expect(customerManagedKey(volume("<alias arn>", { kmsKeyId: [alias({}, "alias/aws/ebs")] }), "kmsKeyId")).toBe(false);
        });
        it("judges the literal when it refers to nothing", () => {
            expect(customerManagedKey(volume("alias/aws/ebs"), "kmsKeyId")).toBe(false);
            expect(customerManagedKey(volume("alias/app-data"), "kmsKeyId")).toBe(true);
        });
    });

    describe("values nested in one property (launch template mappings)", () => {
        it("judges each mapping's literal: a reference to the program's key vouches for no AWS-managed alias", () => {
            expect(mappingKeys(template(["<key arn>", "alias/aws/ebs"], [key]))).toEqual([true, false]);
        });
        it("fails an empty or missing key even when the property refers to the program's key", () => {
            expect(mappingKeys(template(["<key arn>", ""], [key]))).toEqual([true, false]);
            expect(mappingKeys(template([undefined], [key]))).toEqual([false]);
        });
        it("takes an unknown value for the program's key when the property refers to one", () => {
            expect(mappingKeys(template([UNKNOWN, "alias/aws/ebs"], [key]))).toEqual([true, false]);
            expect(mappingKeys(template([UNKNOWN], [alias({ targetKeyId: [key] })]))).toEqual([true]);
        });
        it("reads an unknown value that no key of the program stands for, so the SDK ends the rule unknown", () => {
            const resource = template([UNKNOWN], [policyResource("aws:ssm/parameter:Parameter", "key-arn", {})]);
            const proxied = { ...resource, props: unknownCheckingProxy(resource.props) } as PolicyResource;
            expect(() => mappingKeys(proxied)).toThrow(/can't be known during preview/);
        });
        it("accepts literals customerKeyLiteral accepts when the property refers to no key", () => {
            expect(mappingKeys(template(["arn:aws:kms:us-east-1:210987654321:key/0f6d4f3e-8a4b-4c1d-9e2f-3a5b7c9d1e2f", "<key arn>"]))).toEqual([true, false]);
        });
    });
});
