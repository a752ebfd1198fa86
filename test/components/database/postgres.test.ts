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
    new PostgresDatabase("ops", {
        vpcId: "vpc-1",
        subnetIds: ["subnet-a", "subnet-b"],
        clientSecurityGroupIds: ["sg-app"],
        kmsKeyArn: "arn:key",
        masterUsername: "ops_admin",
        logRetentionDays: 90,
        adminAccess: { securityGroupIds: ["sg-runner"], cidrs: ["10.99.0.0/24"] },
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

    it("creates the log groups RDS exports to before the instances, encrypted, kept seven years by default", () => {
        const group = (name: string) => named(session, "aws:cloudwatch/logGroup:LogGroup", name);
        expect(Object.fromEntries(ofType(session, "aws:cloudwatch/logGroup:LogGroup").map((entry) => [entry.name, inputsOf(entry)]))).toEqual({
            "pbx-postgresql-logs": { name: "/aws/rds/instance/pbx/postgresql", retentionInDays: 2557, kmsKeyId: "arn:key", tags: { ...tags, Name: "pbx-postgresql-logs" } },
            "pbx-upgrade-logs": { name: "/aws/rds/instance/pbx/upgrade", retentionInDays: 2557, kmsKeyId: "arn:key", tags: { ...tags, Name: "pbx-upgrade-logs" } },
            "pbx-replica-postgresql-logs": { name: "/aws/rds/instance/pbx-replica/postgresql", retentionInDays: 2557, kmsKeyId: "arn:key", tags: { ...tags, Name: "pbx-replica-postgresql-logs" } },
            "ops-postgresql-logs": { name: "/aws/rds/instance/ops/postgresql", retentionInDays: 90, kmsKeyId: "arn:key", tags: { ...tags, Name: "ops-postgresql-logs" } },
            "ops-upgrade-logs": { name: "/aws/rds/instance/ops/upgrade", retentionInDays: 90, kmsKeyId: "arn:key", tags: { ...tags, Name: "ops-upgrade-logs" } },
        });
        expect(group("pbx-postgresql-logs").options).toMatchObject({ protect: true, retainOnDelete: true });
        // The instance waits for its groups, so RDS never creates them first.
        expect(named(session, "aws:rds/instance:Instance", "pbx-db").dependencies).toEqual(expect.arrayContaining([group("pbx-postgresql-logs").urn, group("pbx-upgrade-logs").urn]));
        expect(named(session, "aws:rds/instance:Instance", "pbx-replica").dependencies).toEqual(expect.arrayContaining([group("pbx-replica-postgresql-logs").urn]));
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
        expect(inputsOf(replica)).toMatchObject({ replicateSourceDb: "pbx", storageEncrypted: true, publiclyAccessible: false, deletionProtection: true, enabledCloudwatchLogsExports: ["postgresql"] });
        expect(replica.options.protect).toBe(true);
        expect(inputsOf(named(session, "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication", "pbx-offsite-backups"))).toMatchObject({ region: "us-west-2", kmsKeyId: "arn:dr-key", retentionPeriod: 14 });
        expect(named(session, "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication", "pbx-offsite-backups").options.deleteBeforeReplace).toBe(true);
    });

    it("admits only clients and the proxy, and lets nothing out", () => {
        const rules = ofType(session, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((rule) => rule.name.startsWith("pbx-")).map((rule) => inputsOf(rule));
        expect(rules.every((rule) => rule.fromPort === 5432 && rule.referencedSecurityGroupId !== undefined && rule.cidrIpv4 === undefined)).toBe(true);
        expect(ofType(session, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").map((rule) => rule.name).sort()).toEqual(["ops-proxy-egress", "pbx-proxy-egress"]);
    });

    it("admits the administration path it is given straight to the instance", () => {
        const rule = (name: string) => named(session, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", name);
        const admin = { ipProtocol: "tcp", fromPort: 5432, toPort: 5432, description: "PostgreSQL administration (the @pulumi/postgresql provider)" };
        expect(inputsOf(rule("ops-db-admin-0"))).toEqual({ securityGroupId: expect.any(String), ...admin, referencedSecurityGroupId: "sg-runner", tags: { ...tags, Name: "ops-admin-0" } });
        expect(inputsOf(rule("ops-db-admin-cidr-0"))).toEqual({ securityGroupId: expect.any(String), ...admin, cidrIpv4: "10.99.0.0/24", tags: { ...tags, Name: "ops-admin-cidr-0" } });
        // On the database's own group, not the proxy's.
        expect(rule("ops-db-admin-0").propertyDependencies.securityGroupId).toEqual([named(session, "aws:ec2/securityGroup:SecurityGroup", "ops-db-sg").urn]);
        expect(ofType(session, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((entry) => entry.name.startsWith("pbx-db-admin"))).toEqual([]);
    });

    it("validates version, retention and the master user name", () => {
        expect(validatePostgresArgs({ engineVersion: "13", backupRetentionDays: 40, masterUsername: "postgres" })).toEqual([
            { propertyPath: "engineVersion", reason: "PostgreSQL 13 is older than 14" },
            { propertyPath: "backupRetentionDays", reason: "must be 7 to 35 days (RDS's range), got 40" },
            { propertyPath: "masterUsername", reason: "'postgres' is a default or invalid user name" },
        ]);
        expect(validatePostgresArgs({ masterUsername: "pbx_admin", logRetentionDays: 100, adminAccess: { cidrs: ["10.0.0.0/16", "0.0.0.0/0"] } })).toEqual([
            { propertyPath: "logRetentionDays", reason: "CloudWatch Logs keeps 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 days, not 100" },
            { propertyPath: "adminAccess.cidrs[1]", reason: "0.0.0.0/0 admits every address; name the networks administration connects from" },
        ]);
        expect(validatePostgresArgs({ masterUsername: "pbx_admin", logRetentionDays: 90 })).toEqual([]);
    });
});

describe("PostgresAccess", () => {
    it("creates the database and a least-privilege login role with the generated password, as a secret", () => {
        expect(inputsOf(named(session, "postgresql:index/database:Database", "pbx-database"))).toEqual({ name: "pbx_system", owner: "pbx_admin", encoding: "UTF8", connectionLimit: -1 });
        const role = named(session, "postgresql:index/role:Role", "pbx-role");
        expect(inputsOf(role)).toEqual({ name: "pbx_user", login: true, password: expect.any(String), superuser: false, createDatabase: false, createRole: false, inherit: true, replication: false, connectionLimit: 100 });
        expect(isSecretInput(role, "password")).toBe(true);
        expect(Object.fromEntries(ofType(session, "postgresql:index/grant:Grant").map((grant) => [inputsOf(grant).objectType, inputsOf(grant).privileges]))).toEqual({
            database: ["CONNECT", "TEMPORARY"],
            schema: ["USAGE", "CREATE"],
            table: ["SELECT", "INSERT", "UPDATE", "DELETE"],
            sequence: ["USAGE", "SELECT", "UPDATE"],
        });
    });

    it("grants the role what the owner creates later too (default privileges on tables and sequences)", () => {
        expect(Object.fromEntries(ofType(session, "postgresql:index/defaultPrivileges:DefaultPrivileges").map((entry) => [entry.name, inputsOf(entry)]))).toEqual({
            "pbx-default-tables": { database: "pbx_system", owner: "pbx_admin", role: "pbx_user", schema: "public", objectType: "table", privileges: ["SELECT", "INSERT", "UPDATE", "DELETE"] },
            "pbx-default-sequences": { database: "pbx_system", owner: "pbx_admin", role: "pbx_user", schema: "public", objectType: "sequence", privileges: ["USAGE", "SELECT", "UPDATE"] },
        });
        expect(named(session, "postgresql:index/defaultPrivileges:DefaultPrivileges", "pbx-default-tables").provider).toMatch(/pulumi:providers:postgresql::pbx-admin::/);
    });

    it("connects with the master credentials read from RDS's secret, kept secret, over TLS", () => {
        const provider = named(session, "pulumi:providers:postgresql", "pbx-admin");
        expect(inputsOf(provider)).toMatchObject({ sslmode: "require", superuser: "false", username: "offline-placeholder" });
        expect(isSecretInput(provider, "password")).toBe(true);
    });
});
