// Backup access (5.1.3.4): vault locks and vault access policies read statement by statement.
import backupAccess from "../../../policies/warden-pbx/rules/backup/backup-access";
import { describeRule, run } from "./cases";
import { Environment, UNKNOWN } from "./environment";

const VAULT = 'aws:backup/vault:Vault "vault"';
const POLICY = 'aws:backup/vaultPolicy:VaultPolicy "vault-policy"';
const NOT_DENIED = `${VAULT}: lets anyone with backup permissions delete recovery points: no vault lock, and no access policy statement denies backup:DeleteRecoveryPoint to Principal "*" on every recovery point without a Condition`;

/** The local vault without its lock, guarded by an access policy with these statements instead. */
const policyOnly =
    (...statements: Record<string, unknown>[]) =>
    (env: Environment) =>
        withPolicy(JSON.stringify({ Version: "2012-10-17", Statement: statements }))(env.remove("vault-lock"));
const withPolicy = (policy: unknown) => (env: Environment) => env.add("aws:backup/vaultPolicy:VaultPolicy", "vault-policy", { backupVaultName: "warden-pbx", policy }, { backupVaultName: ["vault"] });
const GOVERNANCE = `${VAULT}: lets anyone with backup permissions delete recovery points: its vault lock is in governance mode (no changeableForDays), which anyone allowed to can remove; compliance mode (changeableForDays) is required`;
const DENY_DELETE = { Effect: "Deny", Principal: "*", Action: "backup:DeleteRecoveryPoint", Resource: "*" };

describeRule({
    rule: backupAccess,
    passes: [
        { when: "a policy denies backup:* to {AWS: *}", change: policyOnly({ Effect: "Deny", Principal: { AWS: "*" }, Action: "backup:*", Resource: "*" }) },
        { when: "a policy denies backup:Delete* on every recovery point of the account", change: policyOnly({ Effect: "Deny", Principal: { AWS: ["*"] }, Action: ["backup:Delete*"], Resource: "arn:aws:backup:us-east-1:123456789012:recovery-point:*" }) },
        { when: "a policy denies everything but reading (NotAction)", change: policyOnly({ Effect: "Deny", Principal: "*", NotAction: ["backup:Describe*", "backup:List*", "backup:Get*"], Resource: "*" }) },
        { when: "the lock keeps recovery points exactly minLockDays (7)", change: (env) => env.set("vault-lock", "minRetentionDays", 7) },
        { when: "the locked vault's policy allows one role to start restores", change: withPolicy(JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:role/restore" }, Action: "backup:StartRestoreJob", Resource: "*" }] })) },
    ],
    fails: [
        { when: "the lock keeps recovery points 6 days, one short of minLockDays", change: (env) => env.set("vault-lock", "minRetentionDays", 6), message: `${VAULT}: lets anyone with backup permissions delete recovery points (no vault lock or deny policy)`, resource: "vault" },
        // Governance mode: anyone allowed to remove the lock can delete recovery points after it.
        { when: "the vault lock is in governance mode (no changeableForDays)", change: (env) => env.set("vault-lock", "changeableForDays", undefined), message: `${GOVERNANCE}, and no access policy statement denies backup:DeleteRecoveryPoint to Principal "*" on every recovery point without a Condition`, resource: "vault" },
        { when: "the off-site vault lock is in governance mode", change: (env) => env.set("dr-vault-lock", "changeableForDays", undefined), message: /^aws:backup\/vault:Vault "dr-vault": lets anyone with backup permissions delete recovery points: its vault lock is in governance mode/, resource: "dr-vault" },
        {
            when: "the policy denies changing itself and allows everyone to delete",
            change: policyOnly({ Effect: "Deny", Principal: "*", Action: "backup:PutBackupVaultAccessPolicy", Resource: "*" }, { Effect: "Allow", Principal: "*", Action: "backup:DeleteRecoveryPoint", Resource: "*" }),
            message: NOT_DENIED,
            resource: "vault",
        },
        {
            when: "the policy allows everyone to delete recovery points",
            change: policyOnly(DENY_DELETE, { Effect: "Allow", Principal: "*", Action: "backup:DeleteRecoveryPoint", Resource: "*" }),
            message: `${POLICY}: allows everyone (Principal "*") backup:DeleteRecoveryPoint on the vault`,
            resource: "vault-policy",
        },
        {
            when: "the locked vault's policy allows everyone with a condition",
            change: withPolicy(JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "backup:CopyIntoBackupVault", Resource: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-example" } } }] })),
            message: `${POLICY}: allows everyone (Principal "*") backup:CopyIntoBackupVault on the vault`,
            resource: "vault-policy",
        },
        { when: "the deny has a condition", change: policyOnly({ ...DENY_DELETE, Condition: { StringNotEquals: { "aws:PrincipalAccount": "123456789012" } } }), message: NOT_DENIED, resource: "vault" },
        { when: "the deny names one principal", change: policyOnly({ ...DENY_DELETE, Principal: { AWS: "arn:aws:iam::123456789012:role/ops" } }), message: NOT_DENIED, resource: "vault" },
        { when: "the deny excepts principals (NotPrincipal)", change: policyOnly({ Effect: "Deny", NotPrincipal: { AWS: "arn:aws:iam::123456789012:role/ops" }, Action: "backup:DeleteRecoveryPoint", Resource: "*" }), message: NOT_DENIED, resource: "vault" },
        { when: "the deny covers one recovery point", change: policyOnly({ ...DENY_DELETE, Resource: "arn:aws:backup:us-east-1:123456789012:recovery-point:abc" }), message: NOT_DENIED, resource: "vault" },
        { when: "the deny covers other actions", change: policyOnly({ ...DENY_DELETE, Action: ["backup:DeleteBackupVault", "backup:StartRestoreJob"] }), message: NOT_DENIED, resource: "vault" },
        { when: "the deny's NotAction leaves deletion out", change: policyOnly({ Effect: "Deny", Principal: "*", NotAction: "backup:Delete*", Resource: "*" }), message: NOT_DENIED, resource: "vault" },
        {
            when: "the policy is not JSON",
            change: (env) => withPolicy('{"Statement": [{"Effect": "Deny", "Action": "backup:DeleteRecoveryPoint"')(env.remove("vault-lock")),
            message: /^aws:backup\/vaultPolicy:VaultPolicy "vault-policy": has an access policy that is not valid JSON \(.*\), so what it allows cannot be read$/,
            resource: "vault-policy",
        },
        { when: "the locked vault's policy has no Statement", change: withPolicy(JSON.stringify({ Version: "2012-10-17" })), message: `${POLICY}: has an access policy that has no Statement, so what it allows cannot be read`, resource: "vault-policy" },
    ],
    unknown: (env) => withPolicy(UNKNOWN)(env.remove("vault-lock")),
});

describe("backup-access vault locks", () => {
    it("is unknown, not passed, when the lock's changeableForDays is unknown", async () => {
        const result = await run(backupAccess, (env) => env.set("vault-lock", "changeableForDays", UNKNOWN));
        expect(result.violations).toEqual([]);
        expect(result.unknown).toEqual(["wp-5.1.3.4-backup-access"]);
    });
});
