// AWS Backup as programs describe it: plans and their rules (schedule, lifecycle, copy actions to
// other vaults), selections (which resources a plan protects), vaults (encryption, lock, access
// policy, notifications) and restore testing. Which resource a selection protects, and which vault
// a rule copies to, are read from property dependencies where the program refers to them.
import { PolicyResource } from "@pulumi/policy";
import { SECURITY_GROUP, egressRulesOf, ingressRules } from "./network";
import { regionOf } from "./regions";
import { asNumber, ofType, referenced, referrers, tagsOf } from "./resources";

export const BACKUP_PLAN = "aws:backup/plan:Plan";
export const BACKUP_SELECTION = "aws:backup/selection:Selection";
export const BACKUP_VAULT = "aws:backup/vault:Vault";
export const VAULT_LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";
export const VAULT_POLICY = "aws:backup/vaultPolicy:VaultPolicy";
export const VAULT_NOTIFICATIONS = "aws:backup/vaultNotifications:VaultNotifications";
export const RESTORE_TESTING_PLAN = "aws:backup/restoreTestingPlan:RestoreTestingPlan";
export const RESTORE_TESTING_SELECTION = "aws:backup/restoreTestingSelection:RestoreTestingSelection";

/** ARN resource-type segments AWS Backup uses, by Pulumi type, for wildcard selections. */
const ARN_KINDS: Record<string, RegExp> = {
    "aws:rds/instance:Instance": /^arn:aws[a-z-]*:rds:[^:]*:[^:]*:db:/,
    "aws:rds/cluster:Cluster": /^arn:aws[a-z-]*:rds:[^:]*:[^:]*:cluster:/,
    "aws:ec2/instance:Instance": /^arn:aws[a-z-]*:ec2:[^:]*:[^:]*:instance\//,
    "aws:ebs/volume:Volume": /^arn:aws[a-z-]*:ec2:[^:]*:[^:]*:volume\//,
    "aws:efs/fileSystem:FileSystem": /^arn:aws[a-z-]*:elasticfilesystem:/,
    "aws:s3/bucket:Bucket": /^arn:aws[a-z-]*:s3:::/,
};

/** A wildcard ARN pattern ("arn:aws:rds:*:*:db:*", "*") selects resources of the target's type. */
function wildcardSelects(pattern: string, target: PolicyResource): boolean {
    if (pattern === "*") {
        return true;
    }
    const kind = ARN_KINDS[target.type];
    return pattern.endsWith("*") && kind !== undefined && kind.test(pattern.replace(/\*/g, "x"));
}

function tagConditionHolds(target: PolicyResource, key: string, value: unknown, kind: string): boolean {
    const actual = tagsOf(target)[key.replace(/^aws:ResourceTag\//, "")];
    const wanted = String(value);
    switch (kind) {
        case "stringEquals":
        case "STRINGEQUALS":
            return actual === wanted;
        case "stringNotEquals":
            return actual !== wanted;
        case "stringLike":
            return actual !== undefined && new RegExp(`^${wanted.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`).test(actual);
        case "stringNotLike":
            return actual === undefined || !new RegExp(`^${wanted.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`).test(actual);
        default:
            return false;
    }
}

/** The selection assigns the target to its plan (resources, wildcard ARNs, tags; then conditions). */
export function selectionCovers(selection: PolicyResource, target: PolicyResource): boolean {
    if (referenced(selection, "notResources").some((dependency) => dependency.urn === target.urn)) {
        return false;
    }
    let assigned = referenced(selection, "resources").some((dependency) => dependency.urn === target.urn);
    if (!assigned) {
        const literals = (selection.props.resources ?? []) as unknown[];
        assigned = literals.some((entry) => typeof entry === "string" && wildcardSelects(entry, target));
    }
    if (!assigned) {
        const tags = (selection.props.selectionTags ?? []) as Record<string, unknown>[];
        assigned = tags.some((tag) => tagConditionHolds(target, String(tag.key), tag.value, String(tag.type)));
    }
    if (!assigned) {
        return false;
    }
    const conditions = (selection.props.conditions ?? []) as Record<string, unknown>[];
    const list = Array.isArray(conditions) ? conditions : [conditions];
    return list.every((condition) =>
        Object.entries(condition ?? {}).every(([kind, entries]) => ((entries ?? []) as Record<string, unknown>[]).every((entry) => tagConditionHolds(target, String(entry.key), entry.value, kind))),
    );
}

export interface BackupRule {
    plan: PolicyResource;
    name: string;
    rule: Record<string, unknown>;
    schedule?: Schedule;
    deleteAfterDays?: number;
    continuous: boolean;
    /** Vaults of the program in the rule's copy actions, with their copy lifecycle. */
    copies: { vault?: PolicyResource; region?: string; deleteAfterDays?: number }[];
}

export function plans(resources: PolicyResource[]): PolicyResource[] {
    return ofType(resources, BACKUP_PLAN);
}

export function selectionsOf(resources: PolicyResource[], plan: PolicyResource): PolicyResource[] {
    return referrers(resources, plan, "planId", BACKUP_SELECTION);
}

/** Plans protecting the resource, directly or through an instance it is attached to. */
export function plansCovering(resources: PolicyResource[], target: PolicyResource, alsoVia: PolicyResource[] = []): PolicyResource[] {
    return plans(resources).filter((plan) => selectionsOf(resources, plan).some((selection) => [target, ...alsoVia].some((candidate) => selectionCovers(selection, candidate))));
}

/** Vaults the plan's rules name (target and copy destinations). */
function ruleVaults(plan: PolicyResource): PolicyResource[] {
    return referenced(plan, "rules", BACKUP_VAULT);
}

export function rulesOf(plan: PolicyResource): BackupRule[] {
    const vaults = ruleVaults(plan);
    const home = regionOf(plan);
    return ((plan.props.rules ?? []) as Record<string, unknown>[]).map((rule) => {
        const remote = vaults.filter((vault) => regionOf(vault) !== home);
        const copies = ((rule.copyActions ?? []) as Record<string, unknown>[]).map((copy) => {
            const lifecycle = (copy.lifecycle ?? {}) as Record<string, unknown>;
            const deleteAfterDays = asNumber(lifecycle.deleteAfter);
            // The destination is a vault of the program in another region: its ARN is unknown in a first
            // preview, so the relation comes from the plan's dependencies. Otherwise the ARN is a literal.
            if (remote.length > 0) {
                return { vault: remote[0], region: regionOf(remote[0]), deleteAfterDays };
            }
            const arn = copy.destinationVaultArn;
            return { vault: undefined, region: typeof arn === "string" ? /^arn:aws[a-z-]*:backup:([^:]+):/.exec(arn)?.[1] : undefined, deleteAfterDays };
        });
        const lifecycle = (rule.lifecycle ?? {}) as Record<string, unknown>;
        return {
            plan,
            name: String(rule.ruleName ?? ""),
            rule,
            schedule: typeof rule.schedule === "string" ? parseSchedule(rule.schedule) : undefined,
            deleteAfterDays: asNumber(lifecycle.deleteAfter),
            continuous: rule.enableContinuousBackup === true,
            copies,
        };
    });
}

/** Every rule of every plan protecting the target. */
export function rulesCovering(resources: PolicyResource[], target: PolicyResource, alsoVia: PolicyResource[] = []): BackupRule[] {
    return plansCovering(resources, target, alsoVia).flatMap(rulesOf);
}

export interface Schedule {
    expression: string;
    frequency: "hourly" | "daily" | "weekly" | "monthly" | "other";
    hour?: number;
    minute?: number;
}

const CRON_ANY = (field: string) => field === "*" || field === "?";

/** Numbers a cron field lists (5, 1-5, 1,15, 1/7, L, 15W); the first of each part is enough for a bound. */
function cronNumbers(field: string): number[] {
    return field.split(",").flatMap((part) => {
        const first = /^(\d+)/.exec(part);
        return first ? [Number(first[1])] : [];
    });
}

/**
 * How often the days a cron expression runs on come round: every day, some days of every week, or
 * some day of every month. Restricting months or years makes it rarer than monthly ("other").
 */
function cronDays(dayOfMonth: string, month: string, dayOfWeek: string, year: string | undefined): Schedule["frequency"] {
    if (!CRON_ANY(month) || (year !== undefined && !CRON_ANY(year))) {
        return "other";
    }
    if (CRON_ANY(dayOfMonth) && CRON_ANY(dayOfWeek)) {
        return "daily";
    }
    if (CRON_ANY(dayOfMonth)) {
        // MON#1 (first Monday) and 6L (last Friday) name one day a month.
        return /[#L]/.test(dayOfWeek) ? "monthly" : "weekly";
    }
    if (CRON_ANY(dayOfWeek)) {
        // Days 29-31 are missing from some months; L (last day) and 1-28 come every month.
        return /L/.test(dayOfMonth) || cronNumbers(dayOfMonth).some((day) => day >= 1 && day <= 28) ? "monthly" : "other";
    }
    return "other";
}

/** AWS cron(m h dom mon dow year) and rate() expressions. */
export function parseSchedule(expression: string): Schedule {
    const rate = /^rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)$/.exec(expression.trim());
    if (rate) {
        const amount = Number(rate[1]);
        const unit = rate[2].replace(/s$/, "");
        const hours = unit === "minute" ? amount / 60 : unit === "hour" ? amount : amount * 24;
        return { expression, frequency: hours <= 1 ? "hourly" : hours <= 24 ? "daily" : hours <= 168 ? "weekly" : "other" };
    }
    const cron = /^cron\((\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)(?:\s+(\S+))?\)$/.exec(expression.trim());
    if (!cron) {
        return { expression, frequency: "other" };
    }
    const [, minute, hour, dayOfMonth, month, dayOfWeek, year] = cron;
    const single = (field: string) => /^\d+$/.test(field);
    const base = { expression, minute: single(minute) ? Number(minute) : undefined, hour: single(hour) ? Number(hour) : undefined };
    // The days decide first: several runs a day on Sundays only are still weekly.
    const days = cronDays(dayOfMonth, month, dayOfWeek, year);
    if (days === "daily" && !single(hour)) {
        return { ...base, frequency: CRON_ANY(hour) || /[/,-]/.test(hour) ? "hourly" : "other" };
    }
    return { ...base, frequency: days };
}

const FREQUENCY_ORDER: Schedule["frequency"][] = ["hourly", "daily", "weekly", "monthly"];

/** The schedule runs at least as often as `frequency`. */
export function atLeast(schedule: Schedule | undefined, frequency: "hourly" | "daily" | "weekly" | "monthly"): boolean {
    if (!schedule || schedule.frequency === "other") {
        return false;
    }
    return FREQUENCY_ORDER.indexOf(schedule.frequency) <= FREQUENCY_ORDER.indexOf(frequency);
}

export function vaults(resources: PolicyResource[]): PolicyResource[] {
    return ofType(resources, BACKUP_VAULT);
}

/** Companion resources of a vault (lock, policy, notifications) referring to it by name. */
export function vaultCompanions(resources: PolicyResource[], vault: PolicyResource, type: string): PolicyResource[] {
    return referrers(resources, vault, "backupVaultName", type);
}

export const GOVERNANCE_MODE_LOCK = "is locked in governance mode (vault lock without changeableForDays), which can be removed; compliance mode (changeableForDays) is required";

/**
 * How the vault's locks keep recovery points at least `days` days: "compliance" when such a lock
 * sets changeableForDays (once that grace period ends, nobody, not even the account's root, can
 * remove or shorten it), "governance" when such locks exist only without it (anyone allowed
 * backup:DeleteBackupVaultLockConfiguration can remove them, then delete early), else "none".
 */
export function vaultLockMode(resources: PolicyResource[], vault: PolicyResource, days: number): "compliance" | "governance" | "none" {
    const long = vaultCompanions(resources, vault, VAULT_LOCK).filter((lock) => (asNumber(lock.props.minRetentionDays) ?? 0) >= days);
    if (long.length === 0) {
        return "none";
    }
    return long.some((lock) => asNumber(lock.props.changeableForDays) !== undefined) ? "compliance" : "governance";
}

export function restoreTestingPlans(resources: PolicyResource[]): PolicyResource[] {
    return ofType(resources, RESTORE_TESTING_PLAN);
}

export function restoreTestingSelections(resources: PolicyResource[], plan: PolicyResource): PolicyResource[] {
    return referrers(resources, plan, "restoreTestingPlanName", RESTORE_TESTING_SELECTION);
}

/** Restore testing protected-resource types, by Pulumi type of what they restore. */
export const RESTORE_TYPES: Record<string, string[]> = {
    "aws:rds/instance:Instance": ["RDS"],
    "aws:rds/cluster:Cluster": ["Aurora"],
    "aws:ec2/instance:Instance": ["EC2"],
    "aws:ebs/volume:Volume": ["EBS", "EC2"],
    "aws:s3/bucket:Bucket": ["S3"],
    "aws:efs/fileSystem:FileSystem": ["EFS"],
};

/**
 * A restore testing selection covers the resource: it is of the resource's type, names it (by ARN,
 * or all of the type with "*"), and the resource's tags meet its protectedResourceConditions
 * (stringEquals / stringNotEquals on aws:ResourceTag/<key>).
 */
export function restoreSelectionCovers(selection: PolicyResource, target: PolicyResource): boolean {
    if (!(RESTORE_TYPES[target.type] ?? []).includes(String(selection.props.protectedResourceType))) {
        return false;
    }
    const arns = (selection.props.protectedResourceArns ?? []) as unknown[];
    const named = referenced(selection, "protectedResourceArns").some((dependency) => dependency.urn === target.urn) || arns.includes("*");
    if (!named) {
        return false;
    }
    const conditions = (selection.props.protectedResourceConditions ?? {}) as Record<string, unknown>;
    return Object.entries(conditions).every(([kind, entries]) => ((entries ?? []) as Record<string, unknown>[]).every((entry) => tagConditionHolds(target, String(entry.key), entry.value, kind)));
}

/** Scheduled restore testing plans with a selection covering the resource. */
export function restoreTestingPlansFor(resources: PolicyResource[], target: PolicyResource): PolicyResource[] {
    return restoreTestingPlans(resources).filter((plan) => typeof plan.props.scheduleExpression === "string" && restoreTestingSelections(resources, plan).some((selection) => restoreSelectionCovers(selection, target)));
}

/** The selections of scheduled restore testing plans that cover the resource. */
export function restoreSelectionsFor(resources: PolicyResource[], target: PolicyResource): PolicyResource[] {
    return restoreTestingPlansFor(resources, target).flatMap((plan) => restoreTestingSelections(resources, plan).filter((selection) => restoreSelectionCovers(selection, target)));
}

/** A group's id as the engine reports it once the group exists (its id, else the tail of its ARN); undefined before. */
function groupId(group: PolicyResource): string | undefined {
    if (typeof group.props.id === "string") {
        return group.props.id;
    }
    return typeof group.props.arn === "string" ? group.props.arn.split("/").pop() : undefined;
}

/**
 * Why a restore test of EC2 instances is not isolated, or undefined. A restored instance boots the
 * original's root volume (its secrets, its enabled services): its restoreMetadataOverrides must
 * place it only in security groups of the program that let no traffic in or out. SecurityGroupIds
 * is a JSON list of ids (unknown in a preview until the groups exist, which makes the check
 * unknown): each entry must be the id of a group the overrides refer to; where those ids are not
 * reported yet, there must be at least as many referred groups as entries.
 */
export function ec2RestoreIsolationProblem(resources: PolicyResource[], selection: PolicyResource): string | undefined {
    const overrides = (selection.props.restoreMetadataOverrides ?? {}) as Record<string, unknown>;
    // Override keys are case-insensitive.
    const key = Object.keys(overrides).find((name) => name.toLowerCase() === "securitygroupids");
    if (key === undefined) {
        return "restores EC2 instances with their original security groups (no SecurityGroupIds in restoreMetadataOverrides), so the clone boots into the production network";
    }
    const entries = parseIdList(overrides[key]);
    if (entries === undefined || entries.length === 0) {
        return `restores EC2 instances with SecurityGroupIds ${JSON.stringify(overrides[key])}, which is not a JSON list of security group ids, so nothing shows the clone is cut off`;
    }
    const groups = referenced(selection, "restoreMetadataOverrides", SECURITY_GROUP);
    if (groups.length === 0) {
        return "restores EC2 instances into security groups this program does not create, so nothing shows the clone is cut off";
    }
    const ids = new Set(groups.map(groupId).filter((id): id is string => id !== undefined));
    const notReported = groups.filter((group) => groupId(group) === undefined);
    const others = entries.filter((entry) => !ids.has(entry));
    if (others.length > notReported.length) {
        return notReported.length === 0
            ? `restores EC2 instances also into ${others.join(", ")}, which ${others.length === 1 ? "is not a security group" : "are not security groups"} of this program, so nothing shows the clone is cut off`
            : `restores EC2 instances into ${entries.length} security groups but refers to only ${groups.length} of this program, so some are not the program's and nothing shows the clone is cut off`;
    }
    const used = groups.filter((group) => notReported.includes(group) || entries.includes(groupId(group)!));
    const ingress = ingressRules(resources);
    for (const group of used) {
        const inbound = ingress.some((rule) => rule.group?.urn === group.urn);
        const outbound = egressRulesOf(resources, group).length > 0;
        if (inbound || outbound) {
            return `restores EC2 instances into security group "${group.name}", which lets traffic ${inbound && outbound ? "in and out" : inbound ? "in" : "out"}; the clone of a production host must reach nothing and be reached by nothing`;
        }
    }
    return undefined;
}

/** A JSON list of strings, or undefined when the text is not one. Reading an unknown value reaches the SDK. */
function parseIdList(value: unknown): string[] | undefined {
    if (typeof value !== "string") {
        return undefined;
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(value);
    } catch {
        return undefined;
    }
    return Array.isArray(parsed) && parsed.every((entry) => typeof entry === "string") ? parsed : undefined;
}

/** A scheduled restore testing plan covers the resource. */
export function restoreTested(resources: PolicyResource[], target: PolicyResource): boolean {
    return restoreTestingPlansFor(resources, target).length > 0;
}
