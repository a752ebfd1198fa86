// Data stores beyond PostgreSQL: Redis and Qdrant as helm releases (their effective configuration,
// authentication, persistence and the StorageClass of their volumes), and every store of data at
// rest in a program (databases, volumes, buckets, log groups, secrets, Kubernetes secrets and
// volumes, caches, backup vaults) with whether it is encrypted with a customer-managed KMS key.
import { PolicyResource } from "@pulumi/policy";
import { ValuePath, isFalse, isTrue, releaseNamespace, releasesOf, valueAt } from "./helm";
import { CONFIG_MAP, eksClusters, encryptsSecrets, isDefaultStorageClass, objectName, objectNamed, storageClassEncryptionProblem, storageClasses } from "./kubernetes";
import { customerManagedKey } from "./kms";
import { LOG_GROUP } from "./logs";
import { RDS_CLUSTER, RDS_INSTANCE } from "./databases";
import { BUCKET_TYPES, kmsEncrypted } from "./storage";
import { ofType } from "./resources";
import { SECRET } from "./secrets";
import { BACKUP_VAULT } from "./backups";

export const REDIS_CHARTS = ["redis"];
export const QDRANT_CHARTS = ["qdrant"];
export const ELASTICACHE_REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
export const EBS_ENCRYPTION_BY_DEFAULT = "aws:ebs/encryptionByDefault:EncryptionByDefault";
export const EBS_DEFAULT_KMS_KEY = "aws:ebs/defaultKmsKey:DefaultKmsKey";
export const EFS_FILE_SYSTEM = "aws:efs/fileSystem:FileSystem";
export const ECR_REPOSITORY = "aws:ecr/repository:Repository";

// --- Redis (Bitnami chart) -----------------------------------------------------------------------

export function redisReleases(resources: PolicyResource[]): PolicyResource[] {
    return releasesOf(resources, ...REDIS_CHARTS);
}

/** The Bitnami chart's commonConfiguration when the program sets none: AOF on, RDB snapshots off. */
export const REDIS_CHART_DEFAULT_CONFIGURATION = 'appendonly yes\nsave ""';

/** redis.conf directives: name -> argument lists, in order (save may repeat). */
export type RedisConfig = Map<string, string[][]>;

export function parseRedisConfig(text: string): RedisConfig {
    const config: RedisConfig = new Map();
    for (const raw of text.split("\n")) {
        const line = raw.trim();
        if (line === "" || line.startsWith("#")) {
            continue;
        }
        const words = [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2] ?? match[3]);
        const name = words[0].toLowerCase();
        config.set(name, [...(config.get(name) ?? []), words.slice(1)]);
    }
    return config;
}

/** The master's effective configuration, or why this program cannot show it. */
export type EffectiveRedisConfig = { config: RedisConfig; problem?: undefined } | { config?: undefined; problem: string };

/**
 * What the Redis master runs with: redis.conf then master.conf of the chart's ConfigMap, then
 * master.extraFlags (--name value), later settings winning. The chart renders that ConfigMap from
 * commonConfiguration (or its default) and master.configuration, unless existingConfigmap names
 * one of the user's, which replaces both: its data is read when it is a ConfigMap of this program
 * in the release's namespace; otherwise the effective configuration cannot be shown.
 */
export function redisConfig(resources: PolicyResource[], release: PolicyResource): EffectiveRedisConfig {
    let text: string;
    const existing = valueAt(release, "existingConfigmap");
    if (typeof existing === "string" && existing !== "") {
        const configMap = objectNamed(resources, CONFIG_MAP, existing, releaseNamespace(release));
        if (!configMap) {
            return { problem: `takes its configuration from ConfigMap ${existing} (existingConfigmap), which this program does not create, so its effective configuration cannot be shown` };
        }
        const data = (configMap.props.data ?? {}) as Record<string, unknown>;
        text = ["redis.conf", "master.conf"].map((key) => (typeof data[key] === "string" ? (data[key] as string) : "")).join("\n");
    } else {
        const common = valueAt(release, "commonConfiguration");
        const master = valueAt(release, "master.configuration");
        text = [typeof common === "string" ? common : REDIS_CHART_DEFAULT_CONFIGURATION, typeof master === "string" ? master : ""].join("\n");
    }
    const config = parseRedisConfig(text);
    const flags = valueAt(release, "master.extraFlags");
    for (const flag of Array.isArray(flags) ? flags.map(String) : []) {
        const [name, ...args] = flag.replace(/^--/, "").split(/[=\s]+/);
        // A flag replaces every earlier occurrence, as redis-server applies command-line options last.
        config.set(name.toLowerCase(), [args]);
    }
    return { config };
}

/** The last value of a single-valued directive. */
export function redisSetting(config: RedisConfig, name: string): string | undefined {
    const entries = config.get(name);
    return entries && entries.length > 0 ? entries[entries.length - 1].join(" ") : undefined;
}

/** RDB snapshot rules in effect: the last `save ""` clears earlier ones. */
export function redisSavePoints(config: RedisConfig): { seconds: number; changes: number }[] {
    let points: { seconds: number; changes: number }[] = [];
    for (const args of config.get("save") ?? []) {
        if (args.length === 0 || (args.length === 1 && args[0] === "")) {
            points = [];
            continue;
        }
        for (let index = 0; index + 1 < args.length; index += 2) {
            points.push({ seconds: Number(args[index]), changes: Number(args[index + 1]) });
        }
    }
    return points.filter((point) => Number.isFinite(point.seconds) && Number.isFinite(point.changes));
}

/** "2gb", "2048mb", "2147483648" -> bytes (redis.conf units: k/kb/m/mb/g/gb). */
export function redisBytes(text: string | undefined): number | undefined {
    const match = text ? /^(\d+)\s*(k|kb|m|mb|g|gb)?$/i.exec(text.trim()) : null;
    if (!match) {
        return undefined;
    }
    const unit = (match[2] ?? "").toLowerCase();
    const factor: Record<string, number> = { "": 1, k: 1000, kb: 1024, m: 1000 ** 2, mb: 1024 ** 2, g: 1000 ** 3, gb: 1024 ** 3 };
    return Number(match[1]) * factor[unit];
}

/** Redis master persistence is on (chart default true). */
export function redisPersistent(release: PolicyResource): boolean {
    return !isFalse(valueAt(release, "master.persistence.enabled"));
}

export function redisAuthEnabled(release: PolicyResource): boolean {
    return !isFalse(valueAt(release, "auth.enabled"));
}

export function redisTlsEnabled(release: PolicyResource): boolean {
    return isTrue(valueAt(release, "tls.enabled"));
}

export function qdrantReleases(resources: PolicyResource[]): PolicyResource[] {
    return releasesOf(resources, ...QDRANT_CHARTS);
}

// --- volumes of charts ---------------------------------------------------------------------------

export interface ChartVolume {
    release: PolicyResource;
    what: string;
    /** Path of the volume's own storage class value; unset means the cluster's default class. */
    storageClassPath: ValuePath;
    /** Path of the switch turning persistence on (absent when the chart always persists). */
    enabledPath?: ValuePath;
    /** The chart persists when the switch is unset. */
    enabledByDefault: boolean;
    /**
     * Bitnami's common.storage.class: global.storageClass wins over the volume's own value, and
     * global.defaultStorageClass (newer charts) applies when neither is set.
     */
    bitnamiGlobals?: boolean;
    /** Values the chart renders as storageClassName "": no class, the claim binds a pre-provisioned volume. */
    noClass?: string[];
}

/** Persistent volumes of the charts the kit and its users install, by chart, as each chart names their class. */
export const CHART_VOLUMES: Record<string, Omit<ChartVolume, "release">[]> = {
    redis: [
        { what: "Redis master data", storageClassPath: "master.persistence.storageClass", enabledPath: "master.persistence.enabled", enabledByDefault: true, bitnamiGlobals: true, noClass: ["-"] },
        { what: "Redis replica data", storageClassPath: "replica.persistence.storageClass", enabledPath: "replica.persistence.enabled", enabledByDefault: true, bitnamiGlobals: true, noClass: ["-"] },
    ],
    // The Qdrant chart writes persistence.storageClassName as given and reads no global value.
    qdrant: [
        { what: "Qdrant storage", storageClassPath: "persistence.storageClassName", enabledByDefault: true },
        { what: "Qdrant snapshots", storageClassPath: "snapshotPersistence.storageClassName", enabledPath: "snapshotPersistence.enabled", enabledByDefault: false },
    ],
    // Prometheus and Alertmanager copy the claim spec as given: storageClassName "" is no class.
    "kube-prometheus-stack": [
        { what: "Prometheus TSDB", storageClassPath: "prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.storageClassName", enabledPath: "prometheus.prometheusSpec.storageSpec.volumeClaimTemplate", enabledByDefault: false, noClass: [""] },
        { what: "Alertmanager data", storageClassPath: "alertmanager.alertmanagerSpec.storage.volumeClaimTemplate.spec.storageClassName", enabledPath: "alertmanager.alertmanagerSpec.storage.volumeClaimTemplate", enabledByDefault: false, noClass: [""] },
        { what: "Grafana data", storageClassPath: "grafana.persistence.storageClassName", enabledPath: "grafana.persistence.enabled", enabledByDefault: false },
    ],
    loki: [{ what: "Loki data", storageClassPath: "singleBinary.persistence.storageClass", enabledPath: "singleBinary.persistence.enabled", enabledByDefault: true, noClass: ["-"] }],
};

/** Volumes the program's releases create (persistence on), with the class path of each. */
export function chartVolumes(resources: PolicyResource[]): ChartVolume[] {
    return Object.entries(CHART_VOLUMES).flatMap(([chart, volumes]) =>
        releasesOf(resources, chart).flatMap((release) =>
            volumes
                .filter((volume) => {
                    if (!volume.enabledPath) {
                        return true;
                    }
                    const value = valueAt(release, volume.enabledPath);
                    if (value === undefined || value === null) {
                        return volume.enabledByDefault;
                    }
                    return typeof value === "object" ? true : !isFalse(value);
                })
                // Redis without replicas (architecture standalone) has no replica volumes.
                .filter((volume) => !(chart === "redis" && volume.what === "Redis replica data" && valueAt(release, "architecture") === "standalone"))
                .map((volume) => ({ ...volume, release })),
        ),
    );
}

/**
 * The StorageClass a chart volume's claim asks for, as its chart resolves it: a name, undefined for
 * the cluster's default class, or null for no class (storageClassName "").
 */
export function chartVolumeClass(volume: ChartVolume): string | null | undefined {
    const own = valueAt(volume.release, volume.storageClassPath);
    const candidates = volume.bitnamiGlobals ? [valueAt(volume.release, "global.storageClass"), own, valueAt(volume.release, "global.defaultStorageClass")] : [own];
    // Helm's `default` skips empty strings: the first non-empty value wins (Bitnami), or the own value.
    const name = volume.bitnamiGlobals ? candidates.find((candidate) => typeof candidate === "string" && candidate !== "") : own;
    if (typeof name !== "string") {
        return undefined;
    }
    if ((volume.noClass ?? []).includes(name)) {
        return null;
    }
    return name === "" ? undefined : name;
}

/** The account encrypts new EBS volumes by default (aws:ebs/encryptionByDefault enabled). */
export function ebsEncryptedByDefault(resources: PolicyResource[]): boolean {
    return ofType(resources, EBS_ENCRYPTION_BY_DEFAULT).some((resource) => resource.props.enabled !== false);
}

/** The account's default EBS key (aws:ebs/defaultKmsKey) is a customer-managed key. */
function ebsDefaultKeyIsCustomers(resources: PolicyResource[]): boolean {
    return ofType(resources, EBS_DEFAULT_KMS_KEY).some((resource) => customerManagedKey(resource, "keyArn"));
}

/** Why a StorageClass does not encrypt its volumes with a customer-managed key, or undefined. */
export function storageClassKeyProblem(storageClass: PolicyResource): string | undefined {
    const problem = storageClassEncryptionProblem(storageClass);
    if (problem) {
        return problem;
    }
    const parameters = (storageClass.props.parameters ?? {}) as Record<string, unknown>;
    return customerManagedKey(storageClass, "parameters", { holder: parameters, key: "kmsKeyId" }) ? undefined : `encrypts with ${String(parameters.kmsKeyId)}, not a customer-managed KMS key (parameters.kmsKeyId)`;
}

/**
 * Why volumes of this storage class (by name; undefined = the cluster default; null = no class) are
 * not encrypted with a customer-managed key, or undefined.
 */
export function volumeClassProblem(resources: PolicyResource[], className: string | null | undefined): string | undefined {
    if (className === null) {
        return 'requests no StorageClass (storageClassName ""), so it binds a pre-provisioned PersistentVolume whose encryption this program does not show';
    }
    const storageClass = className === undefined ? storageClasses(resources).find(isDefaultStorageClass) : storageClasses(resources).find((candidate) => objectName(candidate) === className);
    if (!storageClass) {
        if (ebsEncryptedByDefault(resources) && ebsDefaultKeyIsCustomers(resources)) {
            return undefined;
        }
        return className === undefined
            ? "uses the cluster's default StorageClass, which this program does not define (EKS's gp2 class does not encrypt) and the account does not encrypt EBS volumes by default with a customer-managed key"
            : `uses StorageClass ${className}, which this program does not define`;
    }
    const problem = storageClassKeyProblem(storageClass);
    return problem ? `uses StorageClass ${objectName(storageClass)}, which ${problem}` : undefined;
}

// --- encryption at rest --------------------------------------------------------------------------

export interface DataStore {
    resource: PolicyResource;
    what: string;
    /** Why it is not encrypted with a customer-managed KMS key, or undefined. */
    problem?: string;
}

/** Every store of data at rest the program creates, judged for KMS encryption with a key of its own. */
export function dataStores(resources: PolicyResource[]): DataStore[] {
    const stores: DataStore[] = [];
    for (const database of ofType(resources, RDS_INSTANCE, RDS_CLUSTER)) {
        const replica = database.props.replicateSourceDb !== undefined;
        const encrypted = database.props.storageEncrypted === true;
        stores.push({
            resource: database,
            what: "database storage",
            // A replica inherits encryption from its source unless it states otherwise.
            problem: replica && database.props.storageEncrypted === undefined ? undefined : !encrypted ? "does not encrypt its storage (storageEncrypted)" : !customerManagedKey(database, "kmsKeyId") ? "encrypts with the AWS-managed key, not a customer-managed KMS key (kmsKeyId)" : undefined,
        });
    }
    for (const volume of ofType(resources, "aws:ebs/volume:Volume")) {
        stores.push({ resource: volume, what: "EBS volume", problem: volume.props.encrypted !== true ? "is not encrypted" : !customerManagedKey(volume, "kmsKeyId") ? "is encrypted with the AWS-managed key, not a customer-managed KMS key" : undefined });
    }
    for (const template of ofType(resources, "aws:ec2/launchTemplate:LaunchTemplate")) {
        for (const mapping of (template.props.blockDeviceMappings ?? []) as Record<string, unknown>[]) {
            const ebs = (mapping.ebs ?? {}) as Record<string, unknown>;
            const encrypted = ebs.encrypted === true || ebs.encrypted === "true";
            // The mappings share one property dependency, so each mapping's own kmsKeyId is judged.
            const customerKey = customerManagedKey(template, "blockDeviceMappings", { holder: ebs, key: "kmsKeyId" });
            stores.push({ resource: template, what: `launch volume ${String(mapping.deviceName ?? "")}`, problem: !encrypted ? `does not encrypt volume ${String(mapping.deviceName ?? "")}` : !customerKey ? `encrypts volume ${String(mapping.deviceName ?? "")} with the AWS-managed key, not a customer-managed KMS key (ebs.kmsKeyId)` : undefined });
        }
    }
    for (const bucket of ofType(resources, ...BUCKET_TYPES)) {
        stores.push({ resource: bucket, what: "S3 bucket", problem: kmsEncrypted(resources, bucket) ? undefined : "has no default encryption with KMS (aws:kms)" });
    }
    for (const group of ofType(resources, LOG_GROUP)) {
        stores.push({ resource: group, what: "log group", problem: customerManagedKey(group, "kmsKeyId") ? undefined : "is not encrypted with a customer-managed KMS key (kmsKeyId)" });
    }
    for (const secret of ofType(resources, SECRET)) {
        stores.push({ resource: secret, what: "secret", problem: customerManagedKey(secret, "kmsKeyId") ? undefined : "is encrypted with the AWS-managed key, not a customer-managed KMS key (kmsKeyId)" });
    }
    for (const vault of ofType(resources, BACKUP_VAULT)) {
        stores.push({ resource: vault, what: "backup vault", problem: customerManagedKey(vault, "kmsKeyArn") ? undefined : "is encrypted with the AWS-managed key, not a customer-managed KMS key (kmsKeyArn)" });
    }
    for (const group of ofType(resources, ELASTICACHE_REPLICATION_GROUP)) {
        stores.push({ resource: group, what: "cache", problem: group.props.atRestEncryptionEnabled !== true && group.props.atRestEncryptionEnabled !== "true" ? "does not encrypt at rest (atRestEncryptionEnabled)" : !customerManagedKey(group, "kmsKeyId") ? "encrypts at rest with the AWS-managed key" : undefined });
    }
    for (const fileSystem of ofType(resources, EFS_FILE_SYSTEM)) {
        stores.push({ resource: fileSystem, what: "file system", problem: fileSystem.props.encrypted !== true ? "is not encrypted" : !customerManagedKey(fileSystem, "kmsKeyId") ? "is encrypted with the AWS-managed key" : undefined });
    }
    for (const cluster of eksClusters(resources)) {
        const provider = (((cluster.props.encryptionConfig ?? {}) as Record<string, unknown>).provider ?? {}) as Record<string, unknown>;
        const encrypted = encryptsSecrets(cluster) && customerManagedKey(cluster, "encryptionConfig", { holder: provider, key: "keyArn" });
        stores.push({ resource: cluster, what: "Kubernetes secrets", problem: encrypted ? undefined : 'does not encrypt Kubernetes Secrets with a customer-managed KMS key (encryptionConfig {resources: ["secrets"], provider.keyArn})' });
    }
    for (const storageClass of storageClasses(resources)) {
        stores.push({ resource: storageClass, what: "Kubernetes volumes", problem: storageClassKeyProblem(storageClass) });
    }
    for (const volume of chartVolumes(resources)) {
        const problem = volumeClassProblem(resources, chartVolumeClass(volume));
        stores.push({ resource: volume.release, what: volume.what, problem: problem ? `stores ${volume.what} on a volume that ${problem}` : undefined });
    }
    return stores;
}

/** `key=value` tags a StorageClass puts on the EBS volumes it provisions (tagSpecification_N parameters). */
export function storageClassVolumeTags(storageClass: PolicyResource): Record<string, string> {
    const parameters = (storageClass.props.parameters ?? {}) as Record<string, unknown>;
    const tags: Record<string, string> = {};
    for (const [key, value] of Object.entries(parameters)) {
        const match = /^tagSpecification_\d+$/.test(key) && typeof value === "string" ? /^([^=]+)=(.*)$/.exec(value) : null;
        if (match) {
            tags[match[1]] = match[2];
        }
    }
    return tags;
}

/** The StorageClass a chart volume uses (by name, or the default class), when the program defines it. */
export function chartVolumeStorageClass(resources: PolicyResource[], volume: ChartVolume): PolicyResource | undefined {
    const name = chartVolumeClass(volume);
    if (name === null) {
        return undefined;
    }
    return name === undefined ? storageClasses(resources).find(isDefaultStorageClass) : storageClasses(resources).find((candidate) => objectName(candidate) === name);
}
