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
export const PG_GRANT_ROLE = "postgresql:index/grantRole:GrantRole";

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

/**
 * Roles whose membership gives server-wide powers no application login needs: RDS's administrator
 * roles, and PostgreSQL's predefined roles (the pg_ prefix is reserved for them: pg_read_all_data,
 * pg_write_all_data, pg_execute_server_program, pg_read_server_files, pg_write_server_files,
 * pg_signal_backend, ...).
 */
export const RDS_ADMIN_ROLES = ["rds_superuser", "rds_replication", "rds_password"];

export function isAdminRoleName(name: string): boolean {
    const lower = name.toLowerCase();
    return lower.startsWith("pg_") || RDS_ADMIN_ROLES.includes(lower);
}

/** One role membership the program grants: `member` joins `granted`, by a Role's `roles` list or a GrantRole. */
interface Membership {
    member: string;
    granted: string;
    /** The granted role is an RDS master user (GrantRole.grantRole refers to the database). */
    grantsMaster: boolean;
    source: PolicyResource;
}

function memberships(resources: PolicyResource[]): Membership[] {
    const fromRoles = ofType(resources, PG_ROLE).flatMap((role) =>
        ((role.props.roles ?? []) as unknown[]).map((granted) => ({ member: String(role.props.name), granted: String(granted), grantsMaster: false, source: role })),
    );
    const fromGrants = ofType(resources, PG_GRANT_ROLE).map((grant) => ({
        member: String(grant.props.role),
        granted: String(grant.props.grantRole),
        grantsMaster: referenced(grant, "grantRole").some((source) => source.type === RDS_INSTANCE || source.type === RDS_CLUSTER),
        source: grant,
    }));
    return [...fromRoles, ...fromGrants];
}

/** Why membership in a role makes its members privileged, or undefined. */
function privilegedRole(resources: PolicyResource[], membership: Membership, masterUsers: () => string[]): string | undefined {
    const name = membership.granted;
    if (isAdminRoleName(name)) {
        return `${name} (an administrator role)`;
    }
    if (membership.grantsMaster || masterUsers().includes(name)) {
        return `${name} (the database's master user)`;
    }
    // Attributes are not inherited, but a member can SET ROLE to the role and use them.
    const role = ofType(resources, PG_ROLE).find((candidate) => candidate.props.name === name);
    const attributes = role ? PRIVILEGED_ROLE_ATTRIBUTES.filter((attribute) => role.props[attribute] === true) : [];
    return attributes.length > 0 ? `${name} (a role with ${attributes.join(", ")})` : undefined;
}

/**
 * Privileged roles each login role belongs to, directly or through group roles: a member of
 * rds_superuser, of a pg_* predefined role or of the master user has those powers whatever its
 * own attributes say.
 */
export function privilegedMemberships(resources: PolicyResource[]): { login: PolicyResource; reason: string; via: string[]; source: PolicyResource }[] {
    const all = memberships(resources);
    if (all.length === 0) {
        return [];
    }
    let masters: string[] | undefined;
    const masterUsers = () => (masters ??= postgresDatabases(resources).map((database) => database.props.username ?? database.props.masterUsername).filter((name): name is string => typeof name === "string"));
    const found: { login: PolicyResource; reason: string; via: string[]; source: PolicyResource }[] = [];
    for (const login of loginRoles(resources)) {
        // Breadth-first over the groups the login role joins, remembering the path for the message.
        const queue: { name: string; via: string[] }[] = [{ name: String(login.props.name), via: [] }];
        const seen = new Set<string>([String(login.props.name)]);
        while (queue.length > 0) {
            const { name, via } = queue.shift()!;
            for (const membership of all.filter((entry) => entry.member === name)) {
                const reason = privilegedRole(resources, membership, masterUsers);
                if (reason) {
                    found.push({ login, reason, via, source: membership.source });
                }
                if (!seen.has(membership.granted)) {
                    seen.add(membership.granted);
                    queue.push({ name: membership.granted, via: [...via, membership.granted] });
                }
            }
        }
    }
    return found;
}

/** What makes the program's login roles more than application users (attributes, admin role memberships, missing grants, PUBLIC or ALL grants). */
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
    for (const { login, reason, via, source } of privilegedMemberships(resources)) {
        const through = via.length > 0 ? ` through ${via.join(" -> ")}` : "";
        findings.push({ message: `makes login role ${String(login.props.name)} a member of ${reason}${through}, more than an application needs`, resource: source });
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
