// PostgreSQL as programs describe it: RDS instances (and Aurora clusters), their parameter groups
// and proxies, and the databases, roles and grants of the `postgresql` provider.
import { PolicyResource } from "@pulumi/policy";
import { asNumber, ofType, referenced, referrers } from "./resources";

export const RDS_INSTANCE = "aws:rds/instance:Instance";
export const RDS_CLUSTER = "aws:rds/cluster:Cluster";
export const PARAMETER_GROUP = "aws:rds/parameterGroup:ParameterGroup";
export const CLUSTER_PARAMETER_GROUP = "aws:rds/clusterParameterGroup:ClusterParameterGroup";
export const RDS_PROXY = "aws:rds/proxy:Proxy";
export const PROXY_TARGET = "aws:rds/proxyTarget:ProxyTarget";
export const PROXY_DEFAULT_TARGET_GROUP = "aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup";
export const PG_DATABASE = "postgresql:index/database:Database";
export const PG_ROLE = "postgresql:index/role:Role";
export const PG_GRANT = "postgresql:index/grant:Grant";

/** PostgreSQL RDS instances (including read replicas) and Aurora PostgreSQL clusters. */
export function postgresDatabases(resources: PolicyResource[]): PolicyResource[] {
    return [...ofType(resources, RDS_INSTANCE), ...ofType(resources, RDS_CLUSTER)].filter((database) => isPostgres(database));
}

export function isPostgres(database: PolicyResource): boolean {
    const engine = database.props.engine;
    // A replica inherits its source's engine and may not state one.
    if (engine === undefined && database.type === RDS_INSTANCE && database.props.replicateSourceDb !== undefined) {
        return referenced(database, "replicateSourceDb").some((source) => isPostgres(source));
    }
    return engine === "postgres" || engine === "aurora-postgresql";
}

export function isReplica(database: PolicyResource): boolean {
    return database.type === RDS_INSTANCE && (database.props.replicateSourceDb !== undefined || referenced(database, "replicateSourceDb").length > 0);
}

/** Primary databases: not read replicas. */
export function primaryPostgres(resources: PolicyResource[]): PolicyResource[] {
    return postgresDatabases(resources).filter((database) => !isReplica(database));
}

/** "16.4" -> 16; "9.6.22" -> 9 (RDS engine versions), undefined when not given. */
export function majorVersion(version: unknown): number | undefined {
    if (typeof version !== "string" && typeof version !== "number") {
        return undefined;
    }
    const match = /^(\d+)(?:\.(\d+))?/.exec(String(version));
    if (!match) {
        return undefined;
    }
    return Number(match[1]);
}

/** The parameter group a database uses, when the program holds it. */
export function parameterGroupOf(database: PolicyResource): PolicyResource | undefined {
    const property = database.type === RDS_CLUSTER ? "dbClusterParameterGroupName" : "parameterGroupName";
    return referenced(database, property).find((group) => group.type === PARAMETER_GROUP || group.type === CLUSTER_PARAMETER_GROUP);
}

/** Parameters a group sets, by name. */
export function parametersOf(group: PolicyResource | undefined): Map<string, string> {
    const parameters = new Map<string, string>();
    for (const parameter of (group?.props.parameters ?? []) as Record<string, unknown>[]) {
        if (typeof parameter.name === "string") {
            parameters.set(parameter.name, String(parameter.value));
        }
    }
    return parameters;
}

/** RDS proxies whose targets include the database. */
export function proxiesFor(resources: PolicyResource[], database: PolicyResource): PolicyResource[] {
    const property = database.type === RDS_CLUSTER ? "dbClusterIdentifier" : "dbInstanceIdentifier";
    return referrers(resources, database, property, PROXY_TARGET).flatMap((target) => referenced(target, "dbProxyName", RDS_PROXY));
}

export function defaultTargetGroupOf(resources: PolicyResource[], proxy: PolicyResource): PolicyResource | undefined {
    return referrers(resources, proxy, "dbProxyName", PROXY_DEFAULT_TARGET_GROUP)[0];
}

/** Days of automated backups RDS keeps (0 = disabled). */
export function backupRetention(database: PolicyResource): number | undefined {
    return asNumber(database.props.backupRetentionPeriod);
}

export function pgDatabases(resources: PolicyResource[]): PolicyResource[] {
    return ofType(resources, PG_DATABASE);
}

/** Login roles (the postgresql provider's Role with login: true). */
export function loginRoles(resources: PolicyResource[]): PolicyResource[] {
    return ofType(resources, PG_ROLE).filter((role) => role.props.login === true);
}

/** Grants to a role: by property dependency, or by the role's literal name. */
export function grantsTo(resources: PolicyResource[], role: PolicyResource): PolicyResource[] {
    return ofType(resources, PG_GRANT).filter((grant) => referenced(grant, "role").some((dependency) => dependency.urn === role.urn) || (typeof role.props.name === "string" && grant.props.role === role.props.name));
}

/** Attributes that make a role more than an application login. */
export const PRIVILEGED_ROLE_ATTRIBUTES = ["superuser", "createDatabase", "createRole", "replication", "bypassRowLevelSecurity"];

/** What makes the program's login roles more than application users (attributes, missing grants, PUBLIC or ALL grants). */
export function permissionFindings(resources: PolicyResource[]): { message: string; resource?: PolicyResource }[] {
    const findings: { message: string; resource?: PolicyResource }[] = [];
    if (loginRoles(resources).length === 0) {
        findings.push({ message: "no application database user (postgresql Role with login: true) exists whose permissions could be checked" });
    }
    for (const role of loginRoles(resources)) {
        const privileged = PRIVILEGED_ROLE_ATTRIBUTES.filter((attribute) => role.props[attribute] === true);
        if (privileged.length > 0) {
            findings.push({ message: `is a login role with ${privileged.join(", ")}, more than an application needs`, resource: role });
        }
        if (grantsTo(resources, role).length === 0) {
            findings.push({ message: "receives no grant, so its access is whatever ownership or defaults give it", resource: role });
        }
    }
    for (const grant of ofType(resources, PG_GRANT)) {
        if (String(grant.props.role).toLowerCase() === "public") {
            findings.push({ message: "grants privileges to PUBLIC, i.e. to every role", resource: grant });
        }
        const privileges = ((grant.props.privileges ?? []) as unknown[]).map((privilege) => String(privilege).toUpperCase());
        if (grant.props.objectType === "database" && privileges.includes("ALL")) {
            findings.push({ message: "grants ALL privileges on the database", resource: grant });
        }
    }
    return findings;
}

/** An RDS Proxy with a connection pool configuration targets the database. */
export function pooledByProxy(resources: PolicyResource[], database: PolicyResource): { pooled: boolean; proxies: PolicyResource[] } {
    const proxies = proxiesFor(resources, database);
    return { pooled: proxies.some((proxy) => defaultTargetGroupOf(resources, proxy)?.props.connectionPoolConfig !== undefined), proxies };
}

/** Tuned parameters the database's own parameter group does not set; undefined when it uses the RDS default group. */
export function missingParameters(database: PolicyResource, names: string[]): { group?: PolicyResource; missing: string[] } {
    const group = parameterGroupOf(database);
    if (!group) {
        return { missing: names };
    }
    const parameters = parametersOf(group);
    return { group, missing: names.filter((name) => !parameters.has(name)) };
}

/**
 * The share of instance memory a memory parameter gives, for RDS formulas
 * ({DBInstanceClassMemory/32768}, {DBInstanceClassMemory*3/32768}) or plain numbers of `unitBytes`
 * (8 kB pages for shared_buffers and effective_cache_size) on an instance of `memoryGiB`.
 */
export function memoryShare(value: string | undefined, memoryGiB: number | undefined, unitBytes = 8192): number | undefined {
    if (value === undefined) {
        return undefined;
    }
    const formula = /^\{DBInstanceClassMemory(?:\*(\d+))?\/(\d+)\}$/.exec(value.replace(/\s+/g, ""));
    if (formula) {
        // Memory * m / d bytes -> pages of unitBytes: share = m * unitBytes / d.
        return (Number(formula[1] ?? 1) * unitBytes) / Number(formula[2]);
    }
    const amount = asNumber(value);
    return amount !== undefined && memoryGiB !== undefined ? (amount * unitBytes) / (memoryGiB * 1024 ** 3) : undefined;
}
