import * as random from "@pulumi/random";
import { PostgresAccess } from "../../../components/database/postgres-access";
import { PRODUCTION_PARAMETERS, PostgresDatabase, validatePostgresArgs } from "../../../components/database/postgres-database";
import { RecordingSession } from "../../../gate/program";
import { inputsOf, isSecretInput, named, ofType, recordingMocks } from "../../helpers/mocks";

let session: RecordingSession;
const tags = { "readiness:blueprint": "warden-pbx" };

beforeAll(async () => {
    session = await recordingMocks();
    const database = new PostgresDatabase("pbx", {
        vpcId: "vpc-1",
        subnetIds: ["subnet-a", "subnet-b"],
        clientSecurityGroupIds: ["sg-app"],
        kmsKeyArn: "arn:key",
        masterUsername: "pbx_admin",
        readReplica: true,
        offsiteBackups: { region: "us-west-2", kmsKeyArn: "arn:dr-key" },
        proxyUserSecretArns: ["arn:app-user-secret"],
        tags,
    });
    const password = new random.RandomPassword("app-password", { length: 32 });
    new PostgresAccess("pbx", { adminHost: database.instance.address, masterSecretArn: database.masterSecretArn, databaseName: "pbx_system", owner: "pbx_admin", roleName: "pbx_user", password });
    await session.settle();
});

describe("PostgresDatabase", () => {
    it("creates an encrypted, private, Multi-AZ, protected PostgreSQL 16 with 30 days of backups at 02:00", () => {
        const instance = named(session, "aws:rds/instance:Instance", "pbx-db");
        expect(inputsOf(instance)).toEqual({
            identifier: "pbx",
            engine: "postgres",
            engineVersion: "16",
            instanceClass: "db.m7g.large",
            allocatedStorage: 100,
            maxAllocatedStorage: 500,
            storageType: "gp3",
            storageEncrypted: true,
            kmsKeyId: "arn:key",
            username: "pbx_admin",
            manageMasterUserPassword: true,
            masterUserSecretKmsKeyId: "arn:key",
            multiAz: true,
            publiclyAccessible: false,
            dbSubnetGroupName: expect.stringMatching(/^pbx-subnets-/),
            vpcSecurityGroupIds: [expect.any(String)],
            parameterGroupName: expect.stringMatching(/^pbx-params-/),
            backupRetentionPeriod: 30,
            backupWindow: "02:00-02:30",
            maintenanceWindow: "sun:04:00-sun:05:00",
            copyTagsToSnapshot: true,
            deletionProtection: true,
            skipFinalSnapshot: false,
            finalSnapshotIdentifier: "pbx-final",
            performanceInsightsEnabled: true,
            performanceInsightsKmsKeyId: "arn:key",
            performanceInsightsRetentionPeriod: 7,
            monitoringInterval: 60,
            monitoringRoleArn: expect.stringMatching(/^arn:aws:iam:/),
            enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
            autoMinorVersionUpgrade: true,
            tags: { ...tags, Name: "pbx-db" },
        });
        expect(instance.options).toMatchObject({ protect: true, retainOnDelete: true });
    });

    it("tunes memory, TLS and logging in its own parameter group", () => {
        expect(inputsOf(named(session, "aws:rds/parameterGroup:ParameterGroup", "pbx-params"))).toMatchObject({ family: "postgres16", parameters: PRODUCTION_PARAMETERS });
        expect(PRODUCTION_PARAMETERS.map((parameter) => parameter.name)).toEqual(expect.arrayContaining(["shared_buffers", "effective_cache_size", "rds.force_ssl", "log_min_duration_statement"]));
    });

    it("pools connections with RDS Proxy, TLS required, from the master and app secrets", () => {
        expect(inputsOf(named(session, "aws:rds/proxy:Proxy", "pbx-proxy"))).toMatchObject({
            engineFamily: "POSTGRESQL",
            requireTls: true,
            auths: [
                { authScheme: "SECRETS", iamAuth: "DISABLED", secretArn: expect.stringMatching(/^arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-/) },
                { authScheme: "SECRETS", iamAuth: "DISABLED", secretArn: "arn:app-user-secret" },
            ],
        });
        expect(inputsOf(named(session, "aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup", "pbx-proxy-pool")).connectionPoolConfig).toEqual({ maxConnectionsPercent: 90, maxIdleConnectionsPercent: 50, connectionBorrowTimeout: 120 });
    });

    it("streams to a protected replica and copies backups to the second region", () => {
        const replica = named(session, "aws:rds/instance:Instance", "pbx-replica");
        expect(inputsOf(replica)).toMatchObject({ replicateSourceDb: "pbx", storageEncrypted: true, publiclyAccessible: false, deletionProtection: true });
        expect(replica.options.protect).toBe(true);
        expect(inputsOf(named(session, "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication", "pbx-offsite-backups"))).toMatchObject({ region: "us-west-2", kmsKeyId: "arn:dr-key", retentionPeriod: 14 });
    });

    it("admits only clients and the proxy, and lets nothing out", () => {
        const rules = ofType(session, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").map((rule) => inputsOf(rule));
        expect(rules.every((rule) => rule.fromPort === 5432 && rule.referencedSecurityGroupId !== undefined && rule.cidrIpv4 === undefined)).toBe(true);
        expect(ofType(session, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").map((rule) => rule.name)).toEqual(["pbx-proxy-egress"]);
    });

    it("validates version, retention and the master user name", () => {
        expect(validatePostgresArgs({ engineVersion: "13", backupRetentionDays: 40, masterUsername: "postgres" })).toEqual([
            { propertyPath: "engineVersion", reason: "PostgreSQL 13 is older than 14" },
            { propertyPath: "backupRetentionDays", reason: "must be 7 to 35 days (RDS's range), got 40" },
            { propertyPath: "masterUsername", reason: "'postgres' is a default or invalid user name" },
        ]);
    });
});

describe("PostgresAccess", () => {
    it("creates the database and a least-privilege login role with the generated password, as a secret", () => {
        expect(inputsOf(named(session, "postgresql:index/database:Database", "pbx-database"))).toEqual({ name: "pbx_system", owner: "pbx_admin", encoding: "UTF8", connectionLimit: -1 });
        const role = named(session, "postgresql:index/role:Role", "pbx-role");
        expect(inputsOf(role)).toEqual({ name: "pbx_user", login: true, password: expect.any(String), superuser: false, createDatabase: false, createRole: false, inherit: true, replication: false, connectionLimit: 100 });
        expect(isSecretInput(role, "password")).toBe(true);
        expect(ofType(session, "postgresql:index/grant:Grant").map((grant) => [inputsOf(grant).objectType, inputsOf(grant).privileges])).toEqual([
            ["database", ["CONNECT", "TEMPORARY"]],
            ["schema", ["USAGE", "CREATE"]],
            ["table", ["SELECT", "INSERT", "UPDATE", "DELETE"]],
        ]);
    });

    it("connects with the master credentials read from RDS's secret, kept secret, over TLS", () => {
        const provider = named(session, "pulumi:providers:postgresql", "pbx-admin");
        expect(inputsOf(provider)).toMatchObject({ sslmode: "require", superuser: "false", username: "offline-placeholder" });
        expect(isSecretInput(provider, "password")).toBe(true);
    });
});
