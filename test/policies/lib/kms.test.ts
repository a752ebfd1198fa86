// Literal KMS key references (policies/lib/kms.ts): customer-managed keys pass, AWS-managed aliases fail.
import { customerKeyLiteral } from "../../../policies/lib/kms";

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
