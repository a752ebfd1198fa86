// PostgreSQL on RDS as production wants it: a supported major version, a customer KMS key,
// Multi-AZ, private, deletion protection and a final snapshot, 30-day automated backups with
// point-in-time recovery (copied to a second region), a production parameter group, Performance
// Insights and enhanced monitoring, an RDS-managed (rotated) master password, and RDS Proxy for
// connection pooling. Optionally a streaming read replica. The logs each instance exports go to
// log groups this component creates first (retention and KMS chosen, not RDS's defaults).
import * as pulumi from "@pulumi/pulumi";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as iam from "@pulumi/aws/iam";
import * as rds from "@pulumi/aws/rds";
import * as vpc from "@pulumi/aws/vpc";
import { Firewall } from "../network/firewall";

export interface PostgresDatabaseArgs {
    /** PostgreSQL major version. Default "16"; at least 14. */
    readonly engineVersion?: string;
    /** Default db.m7g.large. */
    readonly instanceClass?: string;
    /** Initial storage, GB. Default 100. */
    readonly allocatedStorageGb?: number;
    /** Storage autoscaling ceiling, GB. Default 5 x allocated. */
    readonly maxAllocatedStorageGb?: number;
    readonly vpcId: pulumi.Input<string>;
    readonly subnetIds: pulumi.Input<string>[];
    /** Security groups whose members may connect (5432). */
    readonly clientSecurityGroupIds: pulumi.Input<string>[];
    readonly kmsKeyArn: pulumi.Input<string>;
    /** Master user name; not a default such as postgres or admin. */
    readonly masterUsername: string;
    /** Days of automated backups (point-in-time recovery window). Default 30; at least 7, at most 35. */
    readonly backupRetentionDays?: number;
    /** Daily backup window, UTC. Default "02:00-02:30". */
    readonly backupWindow?: string;
    /** Default "sun:04:00-sun:05:00". */
    readonly maintenanceWindow?: string;
    /** Parameters beyond the production defaults (memory as RDS formulas, force SSL, slow-query log). */
    readonly parameters?: { name: string; value: string; applyMethod?: "immediate" | "pending-reboot" }[];
    /** A streaming read replica in another zone. Default false. */
    readonly readReplica?: boolean;
    /** Second region that receives a copy of the automated backups, and the KMS key there. */
    readonly offsiteBackups?: { readonly region: string; readonly kmsKeyArn: pulumi.Input<string>; readonly retentionDays?: number };
    /** Secrets (JSON username/password) of application users that connect through the proxy. */
    readonly proxyUserSecretArns?: pulumi.Input<string>[];
    /**
     * Days the exported logs (postgresql, where pgaudit writes, and upgrade) are kept in their
     * log groups (/aws/rds/instance/<identifier>/<log>). A CloudWatch Logs retention value.
     * Default 2557 (seven years, as audit trails are kept).
     */
    readonly logRetentionDays?: number;
    /**
     * Where administration connects from straight to the instance on 5432 (the `@pulumi/postgresql`
     * provider of PostgresAccess: a CI runner or bastion inside the VPC): its security groups and/or
     * private CIDR blocks. Default none: only clients, the proxy, and tunnels through a client host.
     */
    readonly adminAccess?: { readonly securityGroupIds?: pulumi.Input<string>[]; readonly cidrs?: string[] };
    readonly tags: Record<string, string>;
}

export interface Problem {
    propertyPath: string;
    reason: string;
}

const DEFAULT_USERS = ["postgres", "admin", "root", "master", "rdsadmin", "administrator", "user"];

/** The retention periods CloudWatch Logs accepts, in days. */
export const CLOUDWATCH_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

export function validatePostgresArgs(args: Pick<PostgresDatabaseArgs, "engineVersion" | "backupRetentionDays" | "masterUsername" | "allocatedStorageGb" | "logRetentionDays" | "adminAccess">): Problem[] {
    const problems: Problem[] = [];
    const major = Number(/^(\d+)/.exec(args.engineVersion ?? "16")?.[1]);
    if (!Number.isInteger(major) || major < 14) {
        problems.push({ propertyPath: "engineVersion", reason: `PostgreSQL ${args.engineVersion} is older than 14` });
    }
    const retention = args.backupRetentionDays ?? 30;
    if (!Number.isInteger(retention) || retention < 7 || retention > 35) {
        problems.push({ propertyPath: "backupRetentionDays", reason: `must be 7 to 35 days (RDS's range), got ${retention}` });
    }
    if (DEFAULT_USERS.includes(args.masterUsername.toLowerCase()) || !/^[a-z][a-z0-9_]{0,62}$/.test(args.masterUsername)) {
        problems.push({ propertyPath: "masterUsername", reason: `'${args.masterUsername}' is a default or invalid user name` });
    }
    if ((args.allocatedStorageGb ?? 100) < 20) {
        problems.push({ propertyPath: "allocatedStorageGb", reason: "RDS gp3 storage starts at 20 GB" });
    }
    const logDays = args.logRetentionDays ?? 2557;
    if (!CLOUDWATCH_RETENTION_DAYS.includes(logDays)) {
        problems.push({ propertyPath: "logRetentionDays", reason: `CloudWatch Logs keeps ${CLOUDWATCH_RETENTION_DAYS.join(", ")} days, not ${logDays}` });
    }
    (args.adminAccess?.cidrs ?? []).forEach((cidr, index) => {
        if (/\/0$/.test(cidr)) {
            problems.push({ propertyPath: `adminAccess.cidrs[${index}]`, reason: `${cidr} admits every address; name the networks administration connects from` });
        }
    });
    return problems;
}

/** Production settings; memory as fractions of the instance class (shared_buffers 25%, effective_cache_size 75%). */
export const PRODUCTION_PARAMETERS: { name: string; value: string; applyMethod?: "immediate" | "pending-reboot" }[] = [
    { name: "shared_buffers", value: "{DBInstanceClassMemory/32768}", applyMethod: "pending-reboot" },
    { name: "effective_cache_size", value: "{DBInstanceClassMemory*3/32768}" },
    { name: "work_mem", value: "16384" },
    { name: "maintenance_work_mem", value: "524288" },
    { name: "password_encryption", value: "scram-sha-256" },
    { name: "rds.force_ssl", value: "1" },
    { name: "log_min_duration_statement", value: "500" },
    { name: "log_connections", value: "1" },
    { name: "log_disconnections", value: "1" },
    { name: "autovacuum", value: "1" },
    { name: "shared_preload_libraries", value: "pg_stat_statements", applyMethod: "pending-reboot" },
];

/** The production defaults, with the caller's values for the same names. */
export function mergeParameters<T extends { name: string }>(defaults: T[], overrides: T[]): T[] {
    const byName = new Map(defaults.map((parameter) => [parameter.name, parameter]));
    for (const parameter of overrides) {
        byName.set(parameter.name, parameter);
    }
    return [...byName.values()];
}

export class PostgresDatabase extends pulumi.ComponentResource {
    readonly instance: rds.Instance;
    readonly replica?: rds.Instance;
    readonly proxy: rds.Proxy;
    readonly securityGroup: Firewall;
    readonly parameterGroup: rds.ParameterGroup;
    /** The RDS-managed secret holding the master credentials (JSON username/password). */
    readonly masterSecretArn: pulumi.Output<string>;

    constructor(name: string, args: PostgresDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
        super("readiness:database:PostgresDatabase", name, {}, opts);
        const problems = validatePostgresArgs(args);
        if (problems.length > 0) {
            throw new pulumi.InputPropertiesError({ message: `invalid arguments for PostgresDatabase ${name}`, errors: problems });
        }
        const major = /^(\d+)/.exec(args.engineVersion ?? "16")![1];
        const tags = (part: string) => ({ ...args.tags, Name: `${name}-${part}` });

        this.securityGroup = new Firewall(
            `${name}-db`,
            {
                vpcId: args.vpcId,
                description: `PostgreSQL ${name}: clients only`,
                ingress: args.clientSecurityGroupIds.map((group, index) => ({ name: `client-${index}`, protocol: "tcp" as const, fromPort: 5432, toPort: 5432, sourceSecurityGroupId: group, description: "PostgreSQL clients" })),
                egress: "none",
                tags: args.tags,
            },
            { parent: this },
        );
        const subnets = new rds.SubnetGroup(`${name}-subnets`, { subnetIds: args.subnetIds, tags: tags("subnets") }, { parent: this });
        // Clients reach the proxy; only the proxy and the clients reach the database.
        const selfAccess = new Firewall(
            `${name}-proxy`,
            { vpcId: args.vpcId, description: `RDS Proxy of ${name}`, ingress: args.clientSecurityGroupIds.map((group, index) => ({ name: `client-${index}`, protocol: "tcp" as const, fromPort: 5432, toPort: 5432, sourceSecurityGroupId: group, description: "PostgreSQL clients through the proxy" })), tags: args.tags },
            { parent: this },
        );
        new vpc.SecurityGroupIngressRule(
            `${name}-db-from-proxy`,
            { securityGroupId: this.securityGroup.id, referencedSecurityGroupId: selfAccess.id, ipProtocol: "tcp", fromPort: 5432, toPort: 5432, description: "RDS Proxy" },
            { parent: this },
        );
        // The provider that creates databases and roles connects to the instance itself.
        const admin = { securityGroupId: this.securityGroup.id, ipProtocol: "tcp", fromPort: 5432, toPort: 5432, description: "PostgreSQL administration (the @pulumi/postgresql provider)" };
        (args.adminAccess?.securityGroupIds ?? []).forEach((group, index) => {
            new vpc.SecurityGroupIngressRule(`${name}-db-admin-${index}`, { ...admin, referencedSecurityGroupId: group, tags: tags(`admin-${index}`) }, { parent: this });
        });
        (args.adminAccess?.cidrs ?? []).forEach((cidr, index) => {
            new vpc.SecurityGroupIngressRule(`${name}-db-admin-cidr-${index}`, { ...admin, ...(cidr.includes(":") ? { cidrIpv6: cidr } : { cidrIpv4: cidr }), tags: tags(`admin-cidr-${index}`) }, { parent: this });
        });

        // Exported logs land in /aws/rds/instance/<identifier>/<log>: created here, before the
        // instance, so that RDS does not create them itself (unencrypted, kept forever). An instance
        // that already exported them has its groups: `pulumi import aws:cloudwatch/logGroup:LogGroup`
        // them under these names first.
        const logGroups = (identifier: string, logs: string[]) =>
            logs.map(
                (log) =>
                    new cloudwatch.LogGroup(
                        `${identifier}-${log}-logs`,
                        { name: `/aws/rds/instance/${identifier}/${log}`, retentionInDays: args.logRetentionDays ?? 2557, kmsKeyId: args.kmsKeyArn, tags: { ...args.tags, Name: `${identifier}-${log}-logs` } },
                        { parent: this, protect: true, retainOnDelete: true },
                    ),
            );
        const primaryLogs = ["postgresql", "upgrade"];

        this.parameterGroup = new rds.ParameterGroup(
            `${name}-params`,
            { family: `postgres${major}`, description: `Production settings of ${name}`, parameters: mergeParameters(PRODUCTION_PARAMETERS, args.parameters ?? []), tags: tags("params") },
            { parent: this },
        );
        const monitoringRole = new iam.Role(
            `${name}-monitoring`,
            { assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "monitoring.rds.amazonaws.com" }, Action: "sts:AssumeRole" }] }), tags: tags("monitoring") },
            { parent: this },
        );
        new iam.RolePolicyAttachment(`${name}-monitoring`, { role: monitoringRole.name, policyArn: "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole" }, { parent: this });

        const allocated = args.allocatedStorageGb ?? 100;
        this.instance = new rds.Instance(
            `${name}-db`,
            {
                identifier: name,
                engine: "postgres",
                engineVersion: major,
                instanceClass: args.instanceClass ?? "db.m7g.large",
                allocatedStorage: allocated,
                maxAllocatedStorage: args.maxAllocatedStorageGb ?? allocated * 5,
                storageType: "gp3",
                storageEncrypted: true,
                kmsKeyId: args.kmsKeyArn,
                // Databases are created by PostgresAccess (one owner of each database's lifecycle).
                username: args.masterUsername,
                manageMasterUserPassword: true,
                masterUserSecretKmsKeyId: args.kmsKeyArn,
                multiAz: true,
                publiclyAccessible: false,
                dbSubnetGroupName: subnets.name,
                vpcSecurityGroupIds: [this.securityGroup.id],
                parameterGroupName: this.parameterGroup.name,
                backupRetentionPeriod: args.backupRetentionDays ?? 30,
                backupWindow: args.backupWindow ?? "02:00-02:30",
                maintenanceWindow: args.maintenanceWindow ?? "sun:04:00-sun:05:00",
                copyTagsToSnapshot: true,
                deletionProtection: true,
                skipFinalSnapshot: false,
                finalSnapshotIdentifier: `${name}-final`,
                performanceInsightsEnabled: true,
                performanceInsightsKmsKeyId: args.kmsKeyArn,
                performanceInsightsRetentionPeriod: 7,
                monitoringInterval: 60,
                monitoringRoleArn: monitoringRole.arn,
                enabledCloudwatchLogsExports: primaryLogs,
                autoMinorVersionUpgrade: true,
                tags: tags("db"),
            },
            { parent: this, protect: true, retainOnDelete: true, dependsOn: logGroups(name, primaryLogs) },
        );
        this.masterSecretArn = this.instance.masterUserSecrets.apply((secrets) => secrets[0]?.secretArn ?? "");

        if (args.readReplica) {
            // The replica has its own postgresql log (connections, errors, pgaudit's records of what runs there).
            const replicaLogs = ["postgresql"];
            this.replica = new rds.Instance(
                `${name}-replica`,
                {
                    identifier: `${name}-replica`,
                    replicateSourceDb: this.instance.identifier,
                    instanceClass: args.instanceClass ?? "db.m7g.large",
                    storageType: "gp3",
                    storageEncrypted: true,
                    kmsKeyId: args.kmsKeyArn,
                    publiclyAccessible: false,
                    vpcSecurityGroupIds: [this.securityGroup.id],
                    parameterGroupName: this.parameterGroup.name,
                    deletionProtection: true,
                    skipFinalSnapshot: true,
                    performanceInsightsEnabled: true,
                    performanceInsightsKmsKeyId: args.kmsKeyArn,
                    monitoringInterval: 60,
                    monitoringRoleArn: monitoringRole.arn,
                    enabledCloudwatchLogsExports: replicaLogs,
                    tags: tags("replica"),
                },
                { parent: this, protect: true, dependsOn: logGroups(`${name}-replica`, replicaLogs) },
            );
        }

        if (args.offsiteBackups) {
            new rds.InstanceAutomatedBackupsReplication(
                `${name}-offsite-backups`,
                { sourceDbInstanceArn: this.instance.arn, retentionPeriod: args.offsiteBackups.retentionDays ?? 14, kmsKeyId: args.offsiteBackups.kmsKeyArn, region: args.offsiteBackups.region },
                // An instance replicates its backups to a region once: a replacement stops the old replication first.
                { parent: this, deleteBeforeReplace: true },
            );
        }

        // Connection pooling: RDS Proxy, TLS required, credentials read from Secrets Manager.
        const secretArns = pulumi.all([this.masterSecretArn, ...(args.proxyUserSecretArns ?? [])]);
        const proxyRole = new iam.Role(
            `${name}-proxy`,
            { assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "rds.amazonaws.com" }, Action: "sts:AssumeRole" }] }), tags: tags("proxy") },
            { parent: this },
        );
        new iam.RolePolicy(
            `${name}-proxy`,
            {
                role: proxyRole.id,
                policy: pulumi.all([secretArns, args.kmsKeyArn]).apply(([arns, key]) =>
                    JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [
                            { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: arns },
                            { Effect: "Allow", Action: "kms:Decrypt", Resource: key },
                        ],
                    }),
                ),
            },
            { parent: this },
        );
        this.proxy = new rds.Proxy(
            `${name}-proxy`,
            {
                name: `${name}-proxy`,
                engineFamily: "POSTGRESQL",
                requireTls: true,
                roleArn: proxyRole.arn,
                vpcSubnetIds: args.subnetIds,
                vpcSecurityGroupIds: [selfAccess.id],
                idleClientTimeout: 1800,
                auths: secretArns.apply((arns) => arns.map((secretArn) => ({ authScheme: "SECRETS", iamAuth: "DISABLED", secretArn }))),
                tags: tags("proxy"),
            },
            { parent: this },
        );
        new rds.ProxyDefaultTargetGroup(
            `${name}-proxy-pool`,
            { dbProxyName: this.proxy.name, connectionPoolConfig: { maxConnectionsPercent: 90, maxIdleConnectionsPercent: 50, connectionBorrowTimeout: 120 } },
            { parent: this },
        );
        new rds.ProxyTarget(`${name}-proxy-target`, { dbProxyName: this.proxy.name, targetGroupName: "default", dbInstanceIdentifier: this.instance.identifier }, { parent: this });

        this.registerOutputs({ address: this.instance.address, proxyEndpoint: this.proxy.endpoint, masterSecretArn: this.masterSecretArn });
    }
}
