import { VAULT_POLICY, vaultCompanions, vaultLockMode, vaults } from "../../../lib/backups";
import { Statement, hasCondition, isEveryone, policyStatements, statementCoversAction, wildcardMatches } from "../../../lib/iam-policies";
import { automatedRule } from "../../../lib/rule";

/** Deleting a recovery point is the early deletion this item is about. */
const DELETE_RECOVERY_POINT = "backup:DeleteRecoveryPoint";

/** "*", or an ARN pattern matching every recovery point of its account and region. */
function coversRecoveryPoints(pattern: string): boolean {
    const [, partition = "aws", , region = "region", account = "account"] = pattern.split(":");
    return pattern === "*" || wildcardMatches(pattern, `arn:${partition}:backup:${region}:${account}:recovery-point:any-recovery-point`);
}

/** A Deny of deleting recovery points to every principal, which no condition, NotPrincipal or NotResource narrows. */
function deniesDeletion(statement: Statement): boolean {
    return (
        statement.effect === "Deny" &&
        isEveryone(statement.principal) &&
        statement.notPrincipal === undefined &&
        !hasCondition(statement) &&
        statementCoversAction(statement, DELETE_RECOVERY_POINT) &&
        statement.notResources.length === 0 &&
        statement.resources.some(coversRecoveryPoints)
    );
}

export default automatedRule<{ minLockDays: number }>({
    name: "backup-access",
    items: ["WP-5.1.3.4"],
    description:
        "Nobody can delete backups early: every backup vault has a vault lock in compliance mode (aws:backup/vaultLockConfiguration with changeableForDays set, so that after the grace period nobody can remove it, and minRetentionDays of at least minLockDays; a governance-mode lock without changeableForDays can be removed, then recovery points deleted) or an access policy with a Deny statement on backup:DeleteRecoveryPoint (or a wildcard covering it) for Principal \"*\" on every recovery point, without Condition; and no vault access policy allows anything to Principal \"*\" or is not a readable JSON policy.",
    severity: "high",
    remediationSteps:
        'The kit locks its vaults in compliance mode (changeableForDays 3; minRetentionDays 30 locally, 90 off-site). Add an aws.backup.VaultLockConfiguration with changeableForDays (at least 3) and minRetentionDays, or a VaultPolicy with {"Effect": "Deny", "Principal": "*", "Action": "backup:DeleteRecoveryPoint", "Resource": "*"} and no Condition; remove Allow statements to Principal "*".',
    config: { minLockDays: { type: "integer", minimum: 1, default: 7, description: "Shortest minimum retention a lock must enforce." } },
    validate: ({ resources, config, report }) => {
        if (vaults(resources).length === 0) {
            report("no backup vault exists");
        }
        for (const vault of vaults(resources)) {
            // Only a compliance-mode lock stops everyone: a governance-mode one can be removed first.
            const lock = vaultLockMode(resources, vault, config.minLockDays);
            const locked = lock === "compliance";
            const policies = vaultCompanions(resources, vault, VAULT_POLICY);
            let denied = false;
            for (const policy of policies) {
                const text = policy.props.policy;
                const statements = typeof text === "string" ? policyStatements(text) : "is not a JSON policy document";
                if (typeof statements === "string") {
                    report(`has an access policy that ${statements}, so what it allows cannot be read`, policy);
                    continue;
                }
                for (const statement of statements.filter((entry) => entry.effect === "Allow" && isEveryone(entry.principal))) {
                    report(`allows everyone (Principal "*") ${[...statement.actions, ...statement.notActions.map((action) => `all but ${action}`)].join(", ") || "every action"} on the vault`, policy);
                }
                denied ||= statements.some(deniesDeletion);
            }
            if (!locked && !denied) {
                const noLock = lock === "governance" ? `its vault lock is in governance mode (no changeableForDays), which anyone allowed to can remove; compliance mode (changeableForDays) is required` : "no vault lock";
                report(
                    policies.length === 0 && lock === "none"
                        ? "lets anyone with backup permissions delete recovery points (no vault lock or deny policy)"
                        : `lets anyone with backup permissions delete recovery points: ${noLock}, and no access policy statement denies ${DELETE_RECOVERY_POINT} to Principal "*" on every recovery point without a Condition`,
                    vault,
                );
            }
        }
    },
});
