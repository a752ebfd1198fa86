// PostgreSQL (5.1, 5.2, 9.1): primary, database, user, migrations, pooling, replica, replication, tuning, profiling.
import connectionPooling from "../../../policies/voiceassist/rules/database/connection-pooling";
import databaseCreated from "../../../policies/voiceassist/rules/database/database-created";
import effectiveCacheSize from "../../../policies/voiceassist/rules/database/effective-cache-size";
import maxConnections from "../../../policies/voiceassist/rules/database/max-connections";
import migrations from "../../../policies/voiceassist/rules/database/migrations";
import postgresPrimary from "../../../policies/voiceassist/rules/database/postgres-primary";
import queryProfiling from "../../../policies/voiceassist/rules/database/query-profiling";
import readReplica from "../../../policies/voiceassist/rules/database/read-replica";
import replicationLag from "../../../policies/voiceassist/rules/database/replication-lag";
import sharedBuffers from "../../../policies/voiceassist/rules/database/shared-buffers";
import streamingReplication from "../../../policies/voiceassist/rules/database/streaming-replication";
import tuning from "../../../policies/voiceassist/rules/database/tuning";
import userPermissions from "../../../policies/voiceassist/rules/database/user-permissions";
import walArchiving from "../../../policies/voiceassist/rules/database/wal-archiving";
import { describeRule } from "./cases";
import { UNKNOWN } from "./environment";

const DB = 'aws:rds/instance:Instance "db"';
const PARAMS = 'aws:rds/parameterGroup:ParameterGroup "db-params"';
const noDatabase = (env: import("../../helpers/environment").Environment) => env.remove("db", "db-replica", "db-proxy-target", "db-replica-lag");

describeRule({
    rule: postgresPrimary,
    fails: [
        { when: "there is no database", change: noDatabase, message: /^no PostgreSQL database/ },
        { when: "the engine is PostgreSQL 12", change: (env) => env.set("db", "engineVersion", "12.19"), message: `${DB}: runs PostgreSQL 12.19; 14 or newer is required`, resource: "db" },
        { when: "the database is public", change: (env) => env.set("db", "publiclyAccessible", true), message: `${DB}: is publicly accessible` },
    ],
    unknown: (env) => env.set("db", "engineVersion", UNKNOWN),
});

describeRule({
    rule: databaseCreated,
    fails: [{ when: "no database is created", change: (env) => env.set("db", "dbName", undefined).remove("app-database", "app-connect", "app-schema"), message: /no application database is created/, resource: "db" }],
    unknown: (env) => env.set("db", "dbName", UNKNOWN),
});

describeRule({
    rule: userPermissions,
    fails: [
        { when: "the app user is a superuser", change: (env) => env.set("app-role", "superuser", true), message: /is a login role with superuser/, resource: "app-role" },
        { when: "PUBLIC gets privileges", change: (env) => env.set("app-connect", "role", "public"), message: /grants privileges to PUBLIC/, resource: "app-connect" },
    ],
    unknown: (env) => env.set("app-role", "superuser", UNKNOWN),
});

describeRule({
    rule: migrations,
    fails: [
        { when: "no migration job runs", change: (env) => env.remove("db-migrate"), message: "nothing runs `alembic upgrade head`: no Kubernetes Job or init container of the application" },
        { when: "the job is not awaited", change: (env) => env.set("db-migrate", ["metadata", "annotations", "pulumi.com/skipAwait"], "true"), message: /Job voiceassist\/db-migrate is not awaited/, resource: "db-migrate" },
    ],
    unknown: (env) => env.set("db-migrate", "spec.template.spec.containers", UNKNOWN),
});

describeRule({
    rule: connectionPooling,
    fails: [
        { when: "there is no proxy", change: (env) => env.remove("db-proxy-target"), message: `${DB}: has no connection pool (RDS Proxy or pgbouncer) in front of it`, resource: "db" },
        { when: "the proxy has no pool", change: (env) => env.set("db-proxy-pool", "connectionPoolConfig", undefined), message: /has an RDS Proxy without a connection pool configuration/, resource: "db-proxy" },
    ],
    unknown: (env) => env.set("db-proxy-pool", "connectionPoolConfig", UNKNOWN),
});

describeRule({
    rule: readReplica,
    fails: [
        { when: "there is no replica", change: (env) => env.remove("db-replica", "db-replica-lag"), message: `${DB}: has no read replica (no aws:rds/instance with replicateSourceDb referring to it)`, resource: "db" },
        { when: "the replica is unprotected", change: (env) => env.set("db-replica", "deletionProtection", false), message: /is a replica without deletionProtection/, resource: "db-replica" },
    ],
    unknown: (env) => env.set("db-replica", "deletionProtection", UNKNOWN),
});

describeRule({
    rule: streamingReplication,
    fails: [
        { when: "the replica is in another region", change: (env) => { env.spec("db-replica").provider = "dr"; }, message: `${DB}: has no read replica in its own region streaming from it` },
        { when: "automated backups are off", change: (env) => env.set("db", "backupRetentionPeriod", 0), message: /has automated backups off/ },
    ],
    unknown: (env) => env.set("db", "backupRetentionPeriod", UNKNOWN),
});

describeRule({
    rule: replicationLag,
    passes: [
        { when: "a Prometheus alert watches the lag instead", change: (env) => env.remove("db-replica-lag") },
        { when: "the alarm names the replica by its literal identifier", change: (env) => env.depend("db-replica-lag", "dimensions", []) },
    ],
    fails: [
        { when: "the alarm tolerates 30 s", change: (env) => { env.set("db-replica-lag", "threshold", 30); env.set("monitoring", "values.additionalPrometheusRulesMap.voiceassist.groups.0.rules.4.expr", "pg_replication_lag_seconds > 30"); }, message: /fires above 30 s; it must fire above 1 s at the latest/, resource: "db-replica-lag" },
        { when: "nothing watches the lag", change: (env) => { env.remove("db-replica-lag"); env.set("monitoring", "values.additionalPrometheusRulesMap.voiceassist.groups.0.rules.4", undefined); }, message: 'no CloudWatch alarm or Prometheus alert rule watches replication lag of "db-replica"' },
        { when: "there is no replica", change: (env) => env.remove("db-replica", "db-replica-lag"), message: /has no read replica whose lag could be watched/ },
        { when: "the alarm names another instance", change: (env) => { env.depend("db-replica-lag", "dimensions", []); env.set("db-replica-lag", "dimensions.DBInstanceIdentifier", "other-db"); env.set("monitoring", "values.additionalPrometheusRulesMap.voiceassist.groups.0.rules.4", undefined); }, message: 'no CloudWatch alarm or Prometheus alert rule watches replication lag of "db-replica"' },
    ],
    unknown: (env) => env.set("db-replica-lag", "threshold", UNKNOWN).set("monitoring", "values.additionalPrometheusRulesMap", UNKNOWN),
});

describeRule({
    rule: walArchiving,
    fails: [{ when: "automated backups are off", change: (env) => env.set("db", "backupRetentionPeriod", 0), message: `${DB}: does not archive its WAL: automated backups are off (backupRetentionPeriod 0)`, resource: "db" }],
    unknown: (env) => env.set("db", "backupRetentionPeriod", UNKNOWN),
});

describeRule({
    rule: tuning,
    fails: [
        { when: "the default group is used", change: (env) => env.depend("db", "parameterGroupName", []), message: `${DB}: uses the default parameter group, tuned for no workload` },
        { when: "work_mem is not set", change: (env) => env.set("db-params", "parameters.3", undefined), message: `${PARAMS}: does not set work_mem` },
    ],
    unknown: (env) => env.set("db-params", "parameters", UNKNOWN),
});

describeRule({
    rule: sharedBuffers,
    passes: [{ when: "shared_buffers is 25% in pages", change: (env) => env.set("db-params", "parameters.0.value", String((32 * 1024 ** 3 * 0.25) / 8192)) }],
    fails: [
        { when: "shared_buffers is 12.5%", change: (env) => env.set("db-params", "parameters.0.value", "{DBInstanceClassMemory/65536}"), message: `${PARAMS}: sets shared_buffers to {DBInstanceClassMemory/65536}, 13% of memory; 25% is required`, resource: "db-params" },
        { when: "shared_buffers is left at the default", change: (env) => env.set("db-params", "parameters.0", undefined), message: /leaves shared_buffers at the RDS default/ },
    ],
    unknown: (env) => env.set("db-params", "parameters", UNKNOWN),
});

describeRule({
    rule: effectiveCacheSize,
    fails: [{ when: "effective_cache_size is 50%", change: (env) => env.set("db-params", "parameters.1.value", "{DBInstanceClassMemory*2/32768}"), message: /sets effective_cache_size to \{DBInstanceClassMemory\*2\/32768\}, 50% of memory; 75% is required/ }],
    unknown: (env) => env.set("db-params", "parameters", UNKNOWN),
});

describeRule({
    rule: maxConnections,
    passes: [{ when: "the default of a 32 GiB class is used", change: (env) => env.set("db-params", "parameters.2", undefined) }],
    fails: [
        { when: "max_connections is 100", change: (env) => env.set("db-params", "parameters.2.value", "100"), message: `${DB}: accepts 100 connections (max_connections); at least 200 are required`, resource: "db" },
        { when: "the default of a 1 GiB class is used", change: (env) => env.set("db-params", "parameters.2", undefined).set("db", "instanceClass", "db.t3.micro"), message: /accepts 112 connections/ },
    ],
    unknown: (env) => env.set("db", "instanceClass", UNKNOWN),
});

describeRule({
    rule: queryProfiling,
    fails: [
        { when: "pg_stat_statements is not loaded", change: (env) => env.set("db-params", "parameters.4.value", "pgaudit"), message: `${DB}: does not load pg_stat_statements (shared_preload_libraries)` },
        { when: "slow queries are not recorded", change: (env) => env.set("db", "performanceInsightsEnabled", false).set("db-params", "parameters.5", undefined), message: /records no slow queries/ },
    ],
    unknown: (env) => env.set("db-params", "parameters", UNKNOWN),
});
