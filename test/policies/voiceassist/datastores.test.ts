// Redis (6.1, 6.2.1-2) and Qdrant (7.1): releases, authentication, persistence, memory, connectivity alerts.
import qdrantApiKey from "../../../policies/voiceassist/rules/qdrant/qdrant-api-key";
import qdrantConnectionAlert from "../../../policies/voiceassist/rules/qdrant/qdrant-connection-alert";
import qdrantRunning from "../../../policies/voiceassist/rules/qdrant/qdrant-running";
import qdrantStorage from "../../../policies/voiceassist/rules/qdrant/qdrant-storage";
import redisAof from "../../../policies/voiceassist/rules/redis/redis-aof";
import redisAuth from "../../../policies/voiceassist/rules/redis/redis-auth";
import redisConnectionAlert from "../../../policies/voiceassist/rules/redis/redis-connection-alert";
import redisEvictionPolicy from "../../../policies/voiceassist/rules/redis/redis-eviction-policy";
import redisMaxmemory from "../../../policies/voiceassist/rules/redis/redis-maxmemory";
import redisRdb from "../../../policies/voiceassist/rules/redis/redis-rdb";
import redisRunning from "../../../policies/voiceassist/rules/redis/redis-running";
import { secret } from "../../helpers/policy-harness";
import { describeRule, run } from "./cases";
import { Environment, GENERATED, UNKNOWN } from "./environment";

const REDIS = 'kubernetes:helm.sh/v3:Release "redis"';
const QDRANT = 'kubernetes:helm.sh/v3:Release "qdrant"';
const redisConf = (text: string) => (env: import("../../helpers/environment").Environment) => env.set("redis", "values.commonConfiguration", text);
const confUnknown = (env: import("../../helpers/environment").Environment) => env.set("redis", "values.commonConfiguration", UNKNOWN);

const KIT_CONF = "appendonly yes\nappendfsync everysec\nsave 900 1\nsave 300 10\nsave 60 10000\nmaxmemory 2gb\nmaxmemory-policy allkeys-lru";
/** The release takes its configuration from a ConfigMap named redis-conf (existingConfigmap), which the chart's values no longer reach. */
const existingConfigmap = (env: Environment) => env.set("redis", "values.existingConfigmap", "redis-conf").set("redis", "values.commonConfiguration", "appendonly no\nmaxmemory-policy noeviction");
/** ...and the program creates that ConfigMap with these files. */
const withConfigMap = (data: Record<string, unknown>) => (env: Environment) => {
    existingConfigmap(env);
    env.add("kubernetes:core/v1:ConfigMap", "redis-conf", { metadata: { name: "redis-conf", namespace: "data" }, data }, {}, { provider: "k8s" });
};
const UNVERIFIABLE = `${REDIS}: takes its configuration from ConfigMap redis-conf (existingConfigmap), which this program does not create, so its effective configuration cannot be shown`;
/** The chart reads auth.password and global.redis.password instead of the kit's Secret. */
const passwords = (auth: string, global?: string) => (env: Environment) =>
    env.set("redis", "values.auth", { enabled: true, password: auth }).set("redis", "values.global", global === undefined ? undefined : { redis: { password: global } }).depend("redis", "values", ["redis-password"]);

describeRule({
    rule: redisRunning,
    fails: [
        { when: "there is no Redis", change: (env) => env.remove("redis"), message: "no Redis release (kubernetes:helm.sh/v3:Release) exists" },
        { when: "the chart version floats", change: (env) => env.set("redis", "version", "20.x"), message: `${REDIS}: installs chart version 20.x; pin an exact version`, resource: "redis" },
    ],
    unknown: (env) => env.set("redis", "version", UNKNOWN),
});

describeRule({
    rule: redisAuth,
    passes: [
        { when: "auth.password is the generated password", change: (env) => env.set("redis", "values.auth", { enabled: true, password: "redis-password-generated-0123456789abcd" }).depend("redis", "values", ["redis-password"]) },
        { when: "global.redis.password, applied first, is the generated password", change: passwords("typed-in", GENERATED.redis) },
    ],
    fails: [
        { when: "global.redis.password, applied first, is typed in", change: passwords(GENERATED.redis, "typed-in"), message: `${REDIS}: requires a password no random.RandomPassword of this program generated`, resource: "redis" },
        { when: "authentication is off", change: (env) => env.set("redis", "values.auth.enabled", false), message: `${REDIS}: lets clients in without a password (auth.enabled: false)` },
        { when: "the chart makes up the password", change: (env) => env.set("redis", "values.auth", { enabled: true }), message: /sets no password of the program/ },
        { when: "the password is typed in", change: (env) => env.set("redis-auth", "stringData", secret({ "redis-password": "typed-in" })), message: /requires a password no random.RandomPassword of this program generated/, resource: "redis-auth" },
    ],
    unknown: (env) => env.set("redis-password", "result", UNKNOWN),
});

describeRule({
    rule: redisAof,
    fails: [
        { when: "AOF is off", change: redisConf("appendonly no\nsave 900 1\nmaxmemory 2gb\nmaxmemory-policy allkeys-lru"), message: `${REDIS}: runs without an append-only file (appendonly no)`, resource: "redis" },
        { when: "extra flags turn AOF off", change: (env) => env.set("redis", "values.master.extraFlags", ["--appendonly no"]), message: /runs without an append-only file/ },
        { when: "persistence is off", change: (env) => env.set("redis", "values.master.persistence.enabled", false), message: /keeps its data on no volume/ },
        { when: "the storage class deletes volumes", change: (env) => env.set("gp3-encrypted", "reclaimPolicy", "Delete"), message: /deletes volumes with their claims \(reclaimPolicy Delete\); Retain is required/ },
        { when: "existingConfigmap names a ConfigMap the program does not create", change: existingConfigmap, message: UNVERIFIABLE, resource: "redis" },
        { when: "the program's ConfigMap turns AOF off", change: withConfigMap({ "redis.conf": KIT_CONF, "master.conf": "appendonly no" }), message: `${REDIS}: runs without an append-only file (appendonly no)`, resource: "redis" },
    ],
    passes: [{ when: "existingConfigmap names the program's ConfigMap holding the settings", change: withConfigMap({ "redis.conf": KIT_CONF }) }],
    unknown: confUnknown,
});

it("redis-aof is unknown, not passed, while the program's ConfigMap data is unknown", async () => {
    const result = await run(redisAof, withConfigMap(UNKNOWN as unknown as Record<string, unknown>));
    expect(result.violations).toEqual([]);
    expect(result.unknown.sort()).toEqual(["va-6.1.3-redis-aof", "va-6.2.1-redis-aof"]);
});

describeRule({
    rule: redisRdb,
    passes: [{ when: "the chart default is overridden by master.configuration", change: (env) => env.set("redis", "values.commonConfiguration", undefined).set("redis", "values.master.configuration", "save 900 1\nmaxmemory 2gb") }],
    fails: [
        { when: "the chart default disables RDB", change: redisConf("appendonly yes\nsave \"\""), message: `${REDIS}: takes no RDB snapshots (no save rule, or save "")` },
        { when: "snapshots are daily", change: redisConf("appendonly yes\nsave 86400 1"), message: /snapshots at most every 86400 s; at least every 3600 s is required/ },
        { when: "existingConfigmap names a ConfigMap the program does not create", change: existingConfigmap, message: UNVERIFIABLE, resource: "redis" },
        { when: "the program's ConfigMap takes no snapshots", change: withConfigMap({ "redis.conf": "appendonly yes" }), message: /takes no RDB snapshots/, resource: "redis" },
    ],
    unknown: confUnknown,
});

describeRule({
    rule: redisEvictionPolicy,
    fails: [
        { when: "the policy is noeviction", change: redisConf("appendonly yes\nsave 900 1\nmaxmemory 2gb"), message: `${REDIS}: evicts with noeviction (the default); allkeys-lru is required` },
        { when: "existingConfigmap names a ConfigMap the program does not create", change: existingConfigmap, message: UNVERIFIABLE, resource: "redis" },
    ],
    passes: [{ when: "the program's ConfigMap sets the policy", change: withConfigMap({ "redis.conf": KIT_CONF }) }],
    unknown: confUnknown,
});

describeRule({
    rule: redisMaxmemory,
    fails: [
        { when: "maxmemory is unset", change: redisConf("appendonly yes\nsave 900 1\nmaxmemory-policy allkeys-lru"), message: `${REDIS}: sets maxmemory (none: unlimited); 2gb is required` },
        { when: "the memory limit is below maxmemory", change: (env) => env.set("redis", "values.master.resources.limits.memory", "1Gi"), message: /limits the Redis master to 1Gi, not above maxmemory 2gb/ },
        { when: "existingConfigmap names a ConfigMap the program does not create", change: existingConfigmap, message: UNVERIFIABLE, resource: "redis" },
        { when: "the program's master.conf lowers maxmemory", change: withConfigMap({ "redis.conf": KIT_CONF, "master.conf": "maxmemory 1gb" }), message: /sets maxmemory 1gb; 2gb is required/, resource: "redis" },
    ],
    unknown: confUnknown,
});

describeRule({
    rule: redisConnectionAlert,
    fails: [
        { when: "the exporter is off", change: (env) => env.set("redis", "values.metrics.enabled", false), message: `${REDIS}: runs no metrics exporter (metrics.enabled), so nothing tests the connection` },
        { when: "the alert is routed to nobody", change: (env) => env.set("monitoring", "values.alertmanager.config.route", { receiver: "null" }).set("monitoring", "values.alertmanager.config.receivers", [{ name: "null" }]), message: /alert RedisDown is routed to receiver "null", which notifies nobody/, resource: "monitoring" },
    ],
    unknown: (env) => env.set("monitoring", "values.additionalPrometheusRulesMap", UNKNOWN),
});

describeRule({
    rule: qdrantRunning,
    fails: [{ when: "the release is not awaited", change: (env) => env.set("qdrant", "skipAwait", true), message: `${QDRANT}: is not awaited (skipAwait), so a release whose pods never start still succeeds` }],
    unknown: (env) => env.set("qdrant", "version", UNKNOWN),
});

describeRule({
    rule: qdrantApiKey,
    fails: [
        { when: "no key is required", change: (env) => env.set("qdrant", "values.apiKey", undefined), message: `${QDRANT}: requires no API key (values apiKey)` },
        { when: "the chart makes up the key", change: (env) => env.set("qdrant", "values.apiKey", true), message: /lets the chart generate its API key/ },
        { when: "the key is typed in", change: (env) => env.set("qdrant", "values.apiKey", "typed-in-key"), message: /requires an API key no random.RandomPassword of this program generated/ },
    ],
    unknown: (env) => env.set("qdrant-api-key", "result", UNKNOWN),
});

describeRule({
    rule: qdrantStorage,
    fails: [
        { when: "the class does not encrypt", change: (env) => env.set("gp3-encrypted", "parameters.encrypted", "false"), message: /stores Qdrant storage on a volume that uses StorageClass gp3-encrypted, which does not encrypt its EBS volumes/, resource: "qdrant" },
        { when: "the class is unknown to the program", change: (env) => env.set("qdrant", "values.persistence.storageClassName", "fast"), message: /uses StorageClass fast, which this program does not define/ },
        {
            when: "only global.storageClass names the encrypted class, which the Qdrant chart ignores",
            change: (env) => env.set("gp3-encrypted", "metadata.annotations", {}).set("qdrant", "values.persistence.storageClassName", undefined).set("qdrant", "values.global", { storageClass: "gp3-encrypted", defaultStorageClass: "gp3-encrypted" }),
            message: /stores Qdrant storage on a volume that uses the cluster's default StorageClass, which this program does not define/,
            resource: "qdrant",
        },
        { when: "the class is \"-\", which the Qdrant chart takes as a class name", change: (env) => env.set("qdrant", "values.persistence.storageClassName", "-"), message: /uses StorageClass -, which this program does not define/, resource: "qdrant" },
    ],
    unknown: (env) => env.set("gp3-encrypted", "parameters", UNKNOWN),
});

describeRule({
    rule: qdrantConnectionAlert,
    passes: [{ when: "Qdrant serves plain HTTP and the chart's ServiceMonitor scrapes it", change: (env) => env.remove("qdrant-metrics").set("qdrant", "values.config.service.enable_tls", false).set("qdrant", "values.metrics.serviceMonitor.enabled", true) }],
    fails: [
        { when: "Prometheus does not scrape Qdrant", change: (env) => env.remove("qdrant-metrics"), message: `${QDRANT}: is not scraped by Prometheus (neither metrics.serviceMonitor.enabled nor a ServiceMonitor selecting app.kubernetes.io/instance of the release)` },
        { when: "the ServiceMonitor selects another release", change: (env) => env.set("qdrant-metrics", ["spec", "selector", "matchLabels", "app.kubernetes.io/instance"], "qdrant-old"), message: /is not scraped by Prometheus/ },
        { when: "the chart's plain-HTTP ServiceMonitor scrapes the TLS-only Qdrant", change: (env) => env.set("qdrant", "values.metrics.serviceMonitor.enabled", true), message: /serves TLS only, but the chart's ServiceMonitor \(metrics.serviceMonitor.enabled\) scrapes plain HTTP/, resource: "qdrant" },
        { when: "the program's ServiceMonitor scrapes over plain HTTP", change: (env) => env.set("qdrant-metrics", "spec.endpoints.0.scheme", "http"), message: /a ServiceMonitor scrapes it over plain HTTP \(endpoints\[\]\.scheme is not https\)/, resource: "qdrant" },
        { when: "no alert watches Qdrant", change: (env) => env.set("monitoring", "values.additionalPrometheusRulesMap.voiceassist.groups.0.rules.3", undefined), message: "no Prometheus alert rule watches whether Qdrant is up" },
    ],
    unknown: (env) => env.set("monitoring", "values.additionalPrometheusRulesMap", UNKNOWN),
});
