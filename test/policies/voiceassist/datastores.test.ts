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
import { describeRule } from "./cases";
import { UNKNOWN } from "./environment";

const REDIS = 'kubernetes:helm.sh/v3:Release "redis"';
const QDRANT = 'kubernetes:helm.sh/v3:Release "qdrant"';
const redisConf = (text: string) => (env: import("../../helpers/environment").Environment) => env.set("redis", "values.commonConfiguration", text);
const confUnknown = (env: import("../../helpers/environment").Environment) => env.set("redis", "values.commonConfiguration", UNKNOWN);

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
    passes: [{ when: "auth.password is the generated password", change: (env) => env.set("redis", "values.auth", { enabled: true, password: "redis-password-generated-0123456789abcd" }).depend("redis", "values", ["redis-password"]) }],
    fails: [
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
    ],
    unknown: confUnknown,
});

describeRule({
    rule: redisRdb,
    passes: [{ when: "the chart default is overridden by master.configuration", change: (env) => env.set("redis", "values.commonConfiguration", undefined).set("redis", "values.master.configuration", "save 900 1\nmaxmemory 2gb") }],
    fails: [
        { when: "the chart default disables RDB", change: redisConf("appendonly yes\nsave \"\""), message: `${REDIS}: takes no RDB snapshots (no save rule, or save "")` },
        { when: "snapshots are daily", change: redisConf("appendonly yes\nsave 86400 1"), message: /snapshots at most every 86400 s; at least every 3600 s is required/ },
    ],
    unknown: confUnknown,
});

describeRule({
    rule: redisEvictionPolicy,
    fails: [{ when: "the policy is noeviction", change: redisConf("appendonly yes\nsave 900 1\nmaxmemory 2gb"), message: `${REDIS}: evicts with noeviction (the default); allkeys-lru is required` }],
    unknown: confUnknown,
});

describeRule({
    rule: redisMaxmemory,
    fails: [
        { when: "maxmemory is unset", change: redisConf("appendonly yes\nsave 900 1\nmaxmemory-policy allkeys-lru"), message: `${REDIS}: sets maxmemory (none: unlimited); 2gb is required` },
        { when: "the memory limit is below maxmemory", change: (env) => env.set("redis", "values.master.resources.limits.memory", "1Gi"), message: /limits the Redis master to 1Gi, not above maxmemory 2gb/ },
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
    ],
    unknown: (env) => env.set("gp3-encrypted", "parameters", UNKNOWN),
});

describeRule({
    rule: qdrantConnectionAlert,
    fails: [
        { when: "Prometheus does not scrape Qdrant", change: (env) => env.set("qdrant", "values.metrics.serviceMonitor.enabled", false), message: `${QDRANT}: is not scraped by Prometheus (metrics.serviceMonitor.enabled)` },
        { when: "no alert watches Qdrant", change: (env) => env.set("monitoring", "values.additionalPrometheusRulesMap.voiceassist.groups.0.rules.3", undefined), message: "no Prometheus alert rule watches whether Qdrant is up" },
    ],
    unknown: (env) => env.set("monitoring", "values.additionalPrometheusRulesMap", UNKNOWN),
});
