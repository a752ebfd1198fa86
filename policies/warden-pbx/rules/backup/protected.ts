// What the PBX's backups must protect: its databases, its hosts (whose root volume holds the app,
// prompts, templates and configuration) and its data volumes.
import { PolicyResource } from "@pulumi/policy";
import { BackupRule, plansCovering, rulesOf } from "../../../lib/backups";
import { primaryPostgres } from "../../../lib/databases";
import { Host, hostVolumes, pbxHosts } from "../../../lib/hosts";

export interface Protected {
    resource: PolicyResource;
    /** Instances whose whole-instance backup also covers this resource. */
    via: PolicyResource[];
    what: string;
}

export function protectedResources(resources: PolicyResource[]): Protected[] {
    const hosts = pbxHosts(resources);
    const volumes = hosts.flatMap((host: Host) =>
        hostVolumes(resources, host)
            .filter((volume) => volume.attachment !== undefined)
            .map((volume) => ({ resource: volume.resource, via: [host.instance], what: `${volume.purpose ?? "data"} volume` })),
    );
    return [
        ...primaryPostgres(resources).map((database) => ({ resource: database, via: [], what: "database" })),
        ...hosts.map((host) => ({ resource: host.instance, via: [], what: "PBX host" })),
        ...volumes,
    ];
}

/** The protected resources; reports when the program has none, so "every ..." rules never pass on nothing. */
export function requireProtected(resources: PolicyResource[], report: (message: string) => void): Protected[] {
    const all = protectedResources(resources);
    if (all.length === 0) {
        report("nothing to back up: no PostgreSQL database, PBX host or data volume exists");
    }
    return all;
}

export function rulesFor(resources: PolicyResource[], entry: Protected): BackupRule[] {
    return plansCovering(resources, entry.resource, entry.via).flatMap(rulesOf);
}
