// Application configuration (3.1-3.5, 11.4.5): the environment the containers get from ConfigMaps and Secrets.
import databaseUrl from "../../../policies/voiceassist/rules/config/database-url";
import dbPool from "../../../policies/voiceassist/rules/config/db-pool";
import dbTimeout from "../../../policies/voiceassist/rules/config/db-timeout";
import domain from "../../../policies/voiceassist/rules/config/domain";
import encryptionKey from "../../../policies/voiceassist/rules/config/encryption-key";
import envTemplate from "../../../policies/voiceassist/rules/config/env-template";
import environmentProduction from "../../../policies/voiceassist/rules/config/environment-production";
import jwtSecretKey from "../../../policies/voiceassist/rules/config/jwt-secret-key";
import keysInVault from "../../../policies/voiceassist/rules/config/keys-in-vault";
import keysStoredSecurely from "../../../policies/voiceassist/rules/config/keys-stored-securely";
import logLevel from "../../../policies/voiceassist/rules/config/log-level";
import nextcloud from "../../../policies/voiceassist/rules/config/nextcloud";
import noPlaceholders from "../../../policies/voiceassist/rules/config/no-placeholders";
import openaiKey from "../../../policies/voiceassist/rules/config/openai-key";
import postgresDb from "../../../policies/voiceassist/rules/config/postgres-db";
import postgresPassword from "../../../policies/voiceassist/rules/config/postgres-password";
import postgresUser from "../../../policies/voiceassist/rules/config/postgres-user";
import qdrantApiKey from "../../../policies/voiceassist/rules/config/qdrant-api-key-variable";
import redisHost from "../../../policies/voiceassist/rules/config/redis-host";
import redisMaxConnections from "../../../policies/voiceassist/rules/config/redis-max-connections";
import redisPassword from "../../../policies/voiceassist/rules/config/redis-password";
import redisPort from "../../../policies/voiceassist/rules/config/redis-port";
import redisTtl from "../../../policies/voiceassist/rules/config/redis-ttl";
import redisUrl from "../../../policies/voiceassist/rules/config/redis-url";
import secretKey from "../../../policies/voiceassist/rules/config/secret-key";
import smtpSettings from "../../../policies/voiceassist/rules/config/smtp-settings";
import tokenExpiration from "../../../policies/voiceassist/rules/security/token-expiration";
import { Environment } from "../../helpers/environment";
import { secret } from "../../helpers/policy-harness";
import { describeRule } from "./cases";
import { APP_CONFIG, APP_SECRETS, GENERATED, UNKNOWN } from "./environment";

const API = 'kubernetes:apps/v1:Deployment "api-gateway"';
const configValue = (key: string, value: string | undefined) => (env: Environment) => env.set("app-config", ["data", key], value);
const secretValue = (key: string, value: string | undefined) => (env: Environment) => {
    const values: Record<string, string> = { ...APP_SECRETS };
    if (value === undefined) {
        delete values[key];
    } else {
        values[key] = value;
    }
    env.set("app-secret", "stringData", secret(values));
};
const secretsUnknown = (env: Environment) => env.set("app-secret", "stringData", UNKNOWN);
const configUnknown = (env: Environment) => env.set("app-config", "data", UNKNOWN);

describeRule({
    rule: envTemplate,
    fails: [
        { when: "ENCRYPTION_KEY is missing", change: secretValue("ENCRYPTION_KEY", undefined), message: `${API}: container api-gateway does not define ENCRYPTION_KEY`, resource: "api-gateway" },
        { when: "the ConfigMap is not created", change: (env) => env.remove("app-config"), message: /takes DOMAIN from ConfigMap voiceassist-config, which this program does not create|does not define DOMAIN/ },
        { when: "no application runs", change: (env) => env.remove("api-gateway", "worker"), message: /^no VoiceAssist application/ },
    ],
    unknown: configUnknown,
});

describeRule({
    rule: domain,
    passes: [{ when: "the domain is configured", change: () => undefined, config: { domain: "voiceassist.example.com" } }],
    fails: [
        { when: "DOMAIN is localhost", change: configValue("DOMAIN", "localhost"), message: `${API}: container api-gateway sets DOMAIN to localhost, not the production domain` },
        { when: "DOMAIN is another name", change: configValue("DOMAIN", "staging.example.com"), message: /sets DOMAIN to staging\.example\.com, which is not the production domain \(voiceassist\.example\.com\)/ },
    ],
    unknown: configUnknown,
});

describeRule({
    rule: environmentProduction,
    fails: [{ when: "ENVIRONMENT is development", change: configValue("ENVIRONMENT", "development"), message: `${API}: container api-gateway sets ENVIRONMENT to "development"; "production" is required` }],
    unknown: configUnknown,
});

describeRule({
    rule: logLevel,
    fails: [{ when: "LOG_LEVEL is DEBUG", change: configValue("LOG_LEVEL", "DEBUG"), message: /sets LOG_LEVEL to "DEBUG"; "INFO" is required/ }],
    unknown: configUnknown,
});

describeRule({
    rule: noPlaceholders,
    fails: [
        { when: "a placeholder is left", change: configValue("SMTP_USER", "CHANGE_ME"), message: `${API}: container api-gateway still has the placeholder CHANGE_ME in SMTP_USER` },
        { when: "a default password is used", change: secretValue("SMTP_PASSWORD", "password"), message: /sets SMTP_PASSWORD to a well-known default/ },
    ],
    unknown: secretsUnknown,
});

describeRule({
    rule: postgresUser,
    fails: [{ when: "the user does not exist", change: configValue("POSTGRES_USER", "postgres"), message: /sets POSTGRES_USER to postgres, which is no user of the database \(voiceassist, voiceassist_admin\)/ }],
    unknown: (env) => env.set("app-role", "name", UNKNOWN),
});

describeRule({
    rule: postgresPassword,
    fails: [
        { when: "the password is typed in", change: secretValue("POSTGRES_PASSWORD", "typed-in-password-123"), message: /gets POSTGRES_PASSWORD from Secret voiceassist-secrets, whose value no random.RandomPassword of this program produced/, resource: "app-secret" },
        { when: "the generated password is short", change: (env) => env.set("db-password", "length", 12), message: /POSTGRES_PASSWORD: RandomPassword "db-password" generates 12 characters, fewer than 16/, resource: "db-password" },
        { when: "the role has another password", change: (env) => env.set("app-role", "password", "other-password"), message: /POSTGRES_PASSWORD is not the password of role voiceassist/, resource: "app-role" },
    ],
    unknown: (env) => env.set("db-password", "result", UNKNOWN),
});

describeRule({
    rule: postgresDb,
    fails: [{ when: "the database does not exist", change: configValue("POSTGRES_DB", "app"), message: /sets POSTGRES_DB to app, which is no database of the program/ }],
    unknown: (env) => env.set("db", "dbName", UNKNOWN),
});

describeRule({
    rule: databaseUrl,
    fails: [
        { when: "the URL does not require TLS", change: secretValue("DATABASE_URL", APP_SECRETS.DATABASE_URL.replace("?ssl=require", "")), message: `${API}: container api-gateway: DATABASE_URL does not require TLS (sslmode=require or ssl=require)` },
        { when: "the URL carries another password", change: secretValue("DATABASE_URL", APP_SECRETS.DATABASE_URL.replace(GENERATED.db, "other")), message: /DATABASE_URL has a password that is not POSTGRES_PASSWORD/ },
        { when: "the URL is in the ConfigMap", change: (env) => { secretValue("DATABASE_URL", undefined)(env); configValue("DATABASE_URL", APP_SECRETS.DATABASE_URL)(env); }, message: /DATABASE_URL is not taken from a Secret/ },
        { when: "the host is typed in", change: (env) => env.depend("app-secret", "stringData", ["db-password", "redis-password", "secret-key", "jwt-secret-key", "encryption-key", "qdrant-api-key"]), message: /does not derive from the primary database or its proxy/ },
    ],
    unknown: secretsUnknown,
});

describeRule({
    rule: dbPool,
    fails: [
        { when: "the pool size is missing", change: configValue("DB_POOL_SIZE", undefined), message: `${API}: container api-gateway does not define DB_POOL_SIZE` },
        { when: "the pools exceed max_connections", change: configValue("DB_POOL_SIZE", "100"), message: 'aws:rds/instance:Instance "db": would receive up to 440 connections from the application\'s pools; max_connections is 200', resource: "db" },
    ],
    unknown: configUnknown,
});

describeRule({
    rule: dbTimeout,
    passes: [{ when: "DATABASE_URL carries connect_timeout", change: (env) => { configValue("DB_POOL_TIMEOUT", undefined)(env); secretValue("DATABASE_URL", `${APP_SECRETS.DATABASE_URL}&connect_timeout=10`)(env); } }],
    fails: [
        { when: "no timeout is set", change: configValue("DB_POOL_TIMEOUT", undefined), message: /sets no database connection timeout/ },
        { when: "the timeout is 10 minutes", change: configValue("DB_POOL_TIMEOUT", "600"), message: /waits 600 s for a database connection/ },
    ],
    unknown: configUnknown,
});

describeRule({
    rule: redisHost,
    fails: [{ when: "REDIS_HOST names a replica", change: configValue("REDIS_HOST", "redis-replicas.data.svc.cluster.local"), message: /sets REDIS_HOST to redis-replicas\.data\.svc\.cluster\.local, not the master service of release redis \(redis-master\.data\.svc\.cluster\.local\)/ }],
    unknown: configUnknown,
});

describeRule({
    rule: redisPort,
    fails: [{ when: "REDIS_PORT is wrong", change: configValue("REDIS_PORT", "6380"), message: /sets REDIS_PORT to 6380; the Redis master listens on 6379/ }],
    unknown: configUnknown,
});

describeRule({
    rule: redisPassword,
    fails: [
        { when: "the password is short", change: (env) => env.set("redis-password", "length", 8), message: /REDIS_PASSWORD: RandomPassword "redis-password" generates 8 characters, fewer than 16/ },
        { when: "Redis requires another password", change: (env) => env.set("redis-auth", "stringData", secret({ "redis-password": "something-else" })), message: /REDIS_PASSWORD is not the password Redis requires/, resource: "redis" },
        {
            when: "global.redis.password, which the chart applies before auth.password, differs",
            change: (env) => env.set("redis", "values.auth", { enabled: true, password: GENERATED.redis }).set("redis", "values.global", { redis: { password: "something-else" } }).depend("redis", "values", ["redis-password"]),
            message: /REDIS_PASSWORD is not the password Redis requires/,
            resource: "redis",
        },
    ],
    unknown: (env) => env.set("redis-password", "result", UNKNOWN),
});

describeRule({
    rule: redisUrl,
    fails: [
        { when: "the URL skips TLS", change: secretValue("REDIS_URL", APP_SECRETS.REDIS_URL.replace("rediss:", "redis:")), message: /REDIS_URL uses redis:\/\/; rediss:\/\/ is required \(the release has TLS on\)/ },
        { when: "the URL has no password", change: secretValue("REDIS_URL", "rediss://redis-master.data.svc.cluster.local:6379/0"), message: /REDIS_URL does not carry REDIS_PASSWORD/ },
    ],
    unknown: secretsUnknown,
});

describeRule({
    rule: redisTtl,
    fails: [{ when: "the TTL is 0", change: configValue("REDIS_CACHE_TTL", "0"), message: /sets REDIS_CACHE_TTL to 0, not a positive number of seconds/ }],
    unknown: configUnknown,
});

describeRule({
    rule: redisMaxConnections,
    fails: [
        { when: "the pool is unbounded", change: configValue("REDIS_MAX_CONNECTIONS", "unlimited"), message: /sets REDIS_MAX_CONNECTIONS to unlimited, not a connection count/ },
        { when: "the pools exceed maxclients", change: (env) => env.set("redis", "values.commonConfiguration", "appendonly yes\nsave 900 1\nmaxmemory 2gb\nmaxmemory-policy allkeys-lru\nmaxclients 100"), message: /would receive up to 200 connections; maxclients is 100/, resource: "redis" },
        { when: "existingConfigmap names a ConfigMap the program does not create", change: (env) => env.set("redis", "values.existingConfigmap", "redis-conf"), message: /"redis": takes its configuration from ConfigMap redis-conf \(existingConfigmap\), which this program does not create, so its effective configuration cannot be shown/, resource: "redis" },
        {
            when: "the program's ConfigMap lowers maxclients",
            change: (env) => env.set("redis", "values.existingConfigmap", "redis-conf").add("kubernetes:core/v1:ConfigMap", "redis-conf", { metadata: { name: "redis-conf", namespace: "data" }, data: { "redis.conf": "appendonly yes\nmaxclients 100" } }, {}, { provider: "k8s" }),
            message: /would receive up to 200 connections; maxclients is 100/,
            resource: "redis",
        },
    ],
    unknown: configUnknown,
});

for (const [rule, key, generator] of [
    [secretKey, "SECRET_KEY", "secret-key"],
    [jwtSecretKey, "JWT_SECRET_KEY", "jwt-secret-key"],
] as const) {
    describeRule({
        rule,
        fails: [
            { when: `${key} is generated with 32 characters`, change: (env) => env.set(generator, "length", 32), message: `aws:random:index/randomPassword:RandomPassword "${generator}": ${key}: RandomPassword "${generator}" generates 32 characters, fewer than 64`.replace("aws:", ""), resource: generator },
            { when: `${key} is typed in`, change: secretValue(key, "x".repeat(64)), message: new RegExp(`gets ${key} from Secret voiceassist-secrets, whose value no random generator of this program produced`) },
        ],
        unknown: (env) => env.set(generator, "result", UNKNOWN),
    });
}

describeRule({
    rule: encryptionKey,
    fails: [
        { when: "the key has 16 bytes", change: (env) => env.set("encryption-key", "length", 16), message: /ENCRYPTION_KEY: RandomBytes "encryption-key" generates 16 bytes, fewer than 32/ },
        { when: "the key is a password", change: (env) => env.set("app-secret", "stringData", secret({ ...APP_SECRETS, ENCRYPTION_KEY: GENERATED.secretKey })), message: /ENCRYPTION_KEY comes from secret-key, not from random bytes/ },
    ],
    unknown: (env) => env.set("encryption-key", "base64", UNKNOWN),
});

describeRule({
    rule: qdrantApiKey,
    fails: [
        { when: "Qdrant requires another key", change: (env) => env.set("qdrant", "values.apiKey", "other-key"), message: /QDRANT_API_KEY is not the key Qdrant requires/, resource: "qdrant" },
        { when: "the key is short", change: (env) => env.set("qdrant-api-key", "length", 20), message: /generates 20 characters, fewer than 32/ },
    ],
    unknown: (env) => env.set("qdrant-api-key", "result", UNKNOWN),
});

describeRule({
    rule: keysStoredSecurely,
    fails: [
        { when: "a password is in the ConfigMap", change: (env) => { configValue("SMTP_PASSWORD", "from-config-map")(env); secretValue("SMTP_PASSWORD", undefined)(env); }, message: `${API}: container api-gateway takes SMTP_PASSWORD from ConfigMap voiceassist-config, not from a Secret` },
        { when: "the cluster does not encrypt Secrets", change: (env) => env.set("eks", "encryptionConfig", undefined), message: /stores Kubernetes Secrets without envelope encryption under a customer-managed KMS key/, resource: "eks" },
        { when: "the cluster's envelope key is an AWS-managed alias", change: (env) => env.set("eks", "encryptionConfig", { resources: ["secrets"], provider: { keyArn: "arn:aws:kms:us-east-1:123456789012:alias/aws/eks" } }).depend("eks", "encryptionConfig", []), message: /stores Kubernetes Secrets without envelope encryption under a customer-managed KMS key/, resource: "eks" },
    ],
    unknown: (env) => env.set("eks", "encryptionConfig", UNKNOWN),
});

describeRule({
    rule: keysInVault,
    fails: [
        { when: "a key is not kept in Secrets Manager", change: (env) => env.depend("app-secrets-version", "secretString", ["db-password", "redis-password", "secret-key", "encryption-key", "qdrant-api-key"]), message: /is kept in no Secrets Manager secret/, resource: "jwt-secret-key" },
        { when: "the vault secret uses the AWS-managed key", change: (env) => env.set("app-secrets", "kmsKeyId", undefined).depend("app-secrets", "kmsKeyId", []), message: /uses the AWS-managed key/, resource: "app-secrets" },
        { when: "the vault secret names alias/aws/secretsmanager", change: (env) => env.set("app-secrets", "kmsKeyId", "alias/aws/secretsmanager").depend("app-secrets", "kmsKeyId", []), message: /is kept in Secrets Manager secret app-secrets, which uses the AWS-managed key rather than a customer-managed KMS key/, resource: "app-secrets" },
    ],
    passes: [{ when: "the vault secret uses a key of another stack", change: (env) => env.set("app-secrets", "kmsKeyId", "arn:aws:kms:us-east-1:210987654321:key/0f6d4f3e-8a4b-4c1d-9e2f-3a5b7c9d1e2f").depend("app-secrets", "kmsKeyId", []) }],
    unknown: secretsUnknown,
});

const externalOpenai = (remoteKey: string) => (env: Environment) => {
    secretValue("OPENAI_API_KEY", undefined)(env);
    env.add("kubernetes:external-secrets.io/v1beta1:ExternalSecret", "external-keys", {
        metadata: { name: "voiceassist-external", namespace: "voiceassist" },
        spec: { secretStoreRef: { name: "aws-secrets-manager", kind: "ClusterSecretStore" }, target: { name: "voiceassist-external", creationPolicy: "Owner" }, data: [{ secretKey: "OPENAI_API_KEY", remoteRef: { key: remoteKey, property: "OPENAI_API_KEY" } }] },
    });
    for (const workload of ["api-gateway", "worker"]) {
        env.set(workload, "spec.template.spec.containers.0.envFrom.2", { secretRef: { name: "voiceassist-external" } });
    }
};

describeRule({
    rule: openaiKey,
    passes: [{ when: "an ExternalSecret copies it from a Secrets Manager secret of the program", change: externalOpenai("voiceassist/app") }],
    fails: [
        { when: "the key is a placeholder", change: secretValue("OPENAI_API_KEY", "your-openai-key"), message: /whose value is not an OpenAI API key/, resource: "app-secret" },
        { when: "the ExternalSecret reads a secret the program does not create", change: externalOpenai("someone/else"), message: /through ExternalSecret voiceassist-external from someone\/else, which is no Secrets Manager secret of this program/, resource: "external-keys" },
    ],
    unknown: secretsUnknown,
});

describeRule({
    rule: smtpSettings,
    fails: [
        { when: "SMTP uses port 25", change: configValue("SMTP_PORT", "25"), message: /sets SMTP_PORT to 25; one of 587, 465, 2587, 2465 \(TLS\) is required/ },
        { when: "SMTP_HOST is missing", change: configValue("SMTP_HOST", undefined), message: /does not define SMTP_HOST/ },
    ],
    unknown: configUnknown,
});

describeRule({
    rule: nextcloud,
    compliantIsNotApplicable: true,
    passes: [{ when: "Nextcloud is fully configured", change: (env) => { configValue("NEXTCLOUD_URL", "https://cloud.example.com")(env); configValue("NEXTCLOUD_USERNAME", "voiceassist")(env); secretValue("NEXTCLOUD_PASSWORD", "generated")(env); } }],
    fails: [{ when: "Nextcloud has no password", change: (env) => { configValue("NEXTCLOUD_URL", "https://cloud.example.com")(env); configValue("NEXTCLOUD_USERNAME", "voiceassist")(env); }, message: `${API}: container api-gateway uses Nextcloud but does not define NEXTCLOUD_PASSWORD` }],
    unknown: configUnknown,
    notApplicable: { when: "Nextcloud is not used", change: () => undefined, reason: /does not use Nextcloud/ },
});

describeRule({
    rule: tokenExpiration,
    fails: [
        { when: "access tokens live an hour", change: configValue("ACCESS_TOKEN_EXPIRE_MINUTES", "60"), message: /sets ACCESS_TOKEN_EXPIRE_MINUTES to 60; at most 30 minutes is allowed/ },
        { when: "refresh tokens live 30 days", change: configValue("REFRESH_TOKEN_EXPIRE_DAYS", "30"), message: /sets REFRESH_TOKEN_EXPIRE_DAYS to 30; at most 7 days is allowed/ },
    ],
    unknown: configUnknown,
});

void APP_CONFIG;
