// The application's database and least-privilege role inside a PostgreSQL server, with the
// `@pulumi/postgresql` provider. The provider connects from wherever `pulumi up` runs: the
// database is private, so run the update from inside the VPC (a CI runner or bastion there), or
// open an SSM port forward to it and set `adminHost`/`adminPort` to the local end
// (`aws ssm start-session --document-name AWS-StartPortForwardingSessionToRemoteHost ...`).
// The master password is RDS-managed and read from its secret at deploy time; it never enters
// the program's config.
import * as pulumi from "@pulumi/pulumi";
import * as postgresql from "@pulumi/postgresql";
import * as random from "@pulumi/random";
import { getSecretVersionOutput } from "@pulumi/aws/secretsmanager/getSecretVersion";

export interface PostgresAccessArgs {
    /** Host and port the provider connects to (the RDS address, or the local end of a tunnel). */
    readonly adminHost: pulumi.Input<string>;
    readonly adminPort?: pulumi.Input<number>;
    /** Secrets Manager secret (JSON username/password) of the master user. */
    readonly masterSecretArn: pulumi.Input<string>;
    readonly databaseName: string;
    /** Owner of the database (the master user). */
    readonly owner: string;
    /** The application's login role. */
    readonly roleName: string;
    readonly password: random.RandomPassword;
    /** Connections the role may hold. Default 100. */
    readonly connectionLimit?: number;
}

export class PostgresAccess extends pulumi.ComponentResource {
    readonly provider: postgresql.Provider;
    readonly database: postgresql.Database;
    readonly role: postgresql.Role;

    constructor(name: string, args: PostgresAccessArgs, opts?: pulumi.ComponentResourceOptions) {
        super("readiness:database:PostgresAccess", name, {}, opts);
        const master = getSecretVersionOutput({ secretId: args.masterSecretArn }, { parent: this });
        const credentials = pulumi.secret(master.secretString).apply((text) => JSON.parse(text) as { username: string; password: string });
        this.provider = new postgresql.Provider(
            `${name}-admin`,
            {
                host: args.adminHost,
                port: args.adminPort ?? 5432,
                username: credentials.apply((value) => value.username),
                password: credentials.apply((value) => value.password),
                database: "postgres",
                sslmode: "require",
                superuser: false,
            },
            { parent: this },
        );
        const resourceOptions = { parent: this, provider: this.provider };
        this.database = new postgresql.Database(`${name}-database`, { name: args.databaseName, owner: args.owner, encoding: "UTF8", connectionLimit: -1 }, { ...resourceOptions, protect: true, retainOnDelete: true });
        this.role = new postgresql.Role(
            `${name}-role`,
            {
                name: args.roleName,
                login: true,
                password: args.password.result,
                superuser: false,
                createDatabase: false,
                createRole: false,
                inherit: true,
                replication: false,
                connectionLimit: args.connectionLimit ?? 100,
            },
            resourceOptions,
        );
        new postgresql.Grant(`${name}-connect`, { database: this.database.name, role: this.role.name, objectType: "database", privileges: ["CONNECT", "TEMPORARY"] }, resourceOptions);
        new postgresql.Grant(`${name}-schema`, { database: this.database.name, role: this.role.name, schema: "public", objectType: "schema", privileges: ["USAGE", "CREATE"] }, resourceOptions);
        new postgresql.Grant(
            `${name}-tables`,
            { database: this.database.name, role: this.role.name, schema: "public", objectType: "table", privileges: ["SELECT", "INSERT", "UPDATE", "DELETE"] },
            resourceOptions,
        );
        this.registerOutputs({ database: this.database.name, role: this.role.name });
    }
}
