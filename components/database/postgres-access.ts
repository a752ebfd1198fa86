// The application's database and least-privilege role inside a PostgreSQL server, with the
// `@pulumi/postgresql` provider. The provider connects from wherever `pulumi up` runs, straight to
// the instance (`adminHost`), which is private and admits only its clients, its proxy and the
// `adminAccess` PostgresDatabase is given. So run the update either
// - from inside the VPC: a CI runner or bastion whose security group or CIDR is the database's
//   `adminAccess`, with `adminHost` the instance address (one phase), or
// - from outside, through an SSM port forward via a client host the database admits
//   (`aws ssm start-session --target <instance> --document-name
//   AWS-StartPortForwardingSessionToRemoteHost --parameters host=<address>,portNumber=5432,localPortNumber=5432`),
//   with `adminHost`/`adminPort` the local end. On a first deploy that host and the database do
//   not exist yet: deploy in two phases, first `pulumi up --target` the database and the host,
//   then open the tunnel and run the full `pulumi up`.
// The master password is RDS-managed and read from its secret at deploy time; it never enters
// the program's config. Tables and sequences the owner creates later are granted to the role by
// default privileges, not only those that exist when the grant runs.
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
        const privileges = { table: ["SELECT", "INSERT", "UPDATE", "DELETE"], sequence: ["USAGE", "SELECT", "UPDATE"] };
        for (const [objectType, granted] of Object.entries(privileges)) {
            // The grant covers what exists now; default privileges what the owner creates later.
            new postgresql.Grant(`${name}-${objectType}s`, { database: this.database.name, role: this.role.name, schema: "public", objectType, privileges: granted }, resourceOptions);
            new postgresql.DefaultPrivileges(
                `${name}-default-${objectType}s`,
                { database: this.database.name, owner: args.owner, role: this.role.name, schema: "public", objectType, privileges: granted },
                resourceOptions,
            );
        }
        this.registerOutputs({ database: this.database.name, role: this.role.name });
    }
}
