// How VoiceAssist shows in a program (the shapes the kit's blueprint builds; rules accept any
// program with the same AWS and Kubernetes semantics):
// - the server of checklist sections 1-2: EC2 hosts tagged readiness:role=app (launch template +
//   #cloud-config), running Docker, nginx, auditd, fail2ban and ufw;
// - the application: Kubernetes Deployments (api-gateway, worker) labelled
//   app.kubernetes.io/part-of=voiceassist whose containers get their environment (the checklist's
//   .env) from ConfigMaps and Secrets (envFrom / valueFrom) of the program;
// - data stores: RDS PostgreSQL (primary + read replica), Redis and Qdrant as helm releases;
// - observability: kube-prometheus-stack, Loki, Jaeger and the OpenTelemetry collector releases.
import { PolicyResource } from "@pulumi/policy";
import { CloudConfig, cloudConfigOf } from "../lib/cloud-init";
import { balancersFronting } from "../lib/edge";
import { Directive, childDirectives, httpContext, locations, nginxConfig, servers } from "../lib/nginx";
import { NO_TLS_ENDPOINT, NginxTls, nginxTlsServers, tlsListeners } from "../lib/tls-endpoints";
import { Host, ROLE_TAG, eachHostConfig, hostsWithRole, imageOf, sizeOf, ubuntuImage } from "../lib/hosts";
import { instanceSize } from "../lib/instance-types";
import { Container, DEPLOYMENT, EKS_NODE_GROUP, EnvSource, SECRET_OBJECT, STATEFUL_SET, environmentOf, mainContainers, namespaceOf, objectName, objectNamed, podLabels, reclaimPolicy } from "../lib/kubernetes";
import { chartName, pinnedVersion, releaseNamespace, valueAt } from "../lib/helm";
import { ChartVolume, RedisConfig, chartVolumeStorageClass, chartVolumes, qdrantReleases, redisConfig, redisReleases, storageClassVolumeTags } from "../lib/datastores";
import { atLeast, plans, rulesOf, selectionCovers, selectionsOf } from "../lib/backups";
import { asNumber, ofType, referenced, tagsOf } from "../lib/resources";
import { isReplica, postgresDatabases, primaryPostgres } from "../lib/databases";
import { RuleContext } from "../lib/rule";
import { generatorOf } from "../lib/secrets";

export const APP_ROLE = "app";
export const NO_APP_HOST = `no VoiceAssist server: no EC2 instance is tagged ${ROLE_TAG}=${APP_ROLE}`;
export const PART_OF_LABEL = "app.kubernetes.io/part-of";
export const PART_OF = "voiceassist";
export const NO_APP_WORKLOAD = `no VoiceAssist application: no Kubernetes Deployment or StatefulSet (labelled ${PART_OF_LABEL}=${PART_OF}) runs it`;

type Context = Pick<RuleContext<unknown>, "resources" | "report">;

export function appHosts(resources: PolicyResource[]): Host[] {
    return hostsWithRole(resources, APP_ROLE);
}

/** Runs `check` for each VoiceAssist server with its parsed cloud-config; reports when there is none. */
export function eachAppHost(context: Context, check: (host: Host, config: CloudConfig, source: PolicyResource) => void): void {
    eachHostConfig(appHosts(context.resources), NO_APP_HOST, context.report, check);
}

/**
 * The application's workloads: Deployments and StatefulSets labelled part-of=voiceassist (on the
 * object or its pods). A program that labels none is taken to run only VoiceAssist: all of them.
 */
export function appWorkloads(resources: PolicyResource[]): PolicyResource[] {
    const all = ofType(resources, DEPLOYMENT, STATEFUL_SET);
    const labelled = all.filter((workload) => tagsOf(workload)[PART_OF_LABEL] === PART_OF || podLabels(workload)[PART_OF_LABEL] === PART_OF);
    return labelled.length > 0 ? labelled : all;
}

/** The workload whose name contains `part` (api-gateway, worker). */
export function appWorkload(resources: PolicyResource[], part: string): PolicyResource | undefined {
    return appWorkloads(resources).find((workload) => objectName(workload).includes(part));
}

export interface AppContainer {
    workload: PolicyResource;
    container: Container;
    env: Map<string, EnvSource>;
}

export function appContainers(resources: PolicyResource[]): AppContainer[] {
    return appWorkloads(resources).flatMap((workload) => mainContainers(workload).map((container) => ({ workload, container, env: environmentOf(resources, workload, container) })));
}

/** Runs `check` for each container of the application; reports when there is none. */
export function eachAppContainer(context: Context, check: (entry: AppContainer) => void): void {
    const containers = appContainers(context.resources);
    if (containers.length === 0) {
        context.report(NO_APP_WORKLOAD);
    }
    containers.forEach(check);
}

export function describeContainer(entry: AppContainer): string {
    return `container ${entry.container.name}`;
}

/** The value of a Secret's key (stringData, else base64 data), when known. */
export function secretValue(secret: PolicyResource, key: string): string | undefined {
    const stringData = (secret.props.stringData ?? {}) as Record<string, unknown>;
    if (typeof stringData[key] === "string") {
        return stringData[key] as string;
    }
    const data = (secret.props.data ?? {}) as Record<string, unknown>;
    return typeof data[key] === "string" ? Buffer.from(data[key] as string, "base64").toString("utf8") : undefined;
}

/** The value a variable has, whatever holds it (literal, ConfigMap, Secret), when the program shows it. */
export function variableValue(source: EnvSource | undefined): string | undefined {
    if (!source) {
        return undefined;
    }
    switch (source.kind) {
        case "literal":
            return source.value;
        case "configMap":
            return source.value;
        case "secret":
            return source.object ? secretValue(source.object, source.key) : undefined;
        default:
            return undefined;
    }
}

/** The random generator behind a variable held in a Secret of the program, if any. */
export function variableGenerator(source: EnvSource | undefined): PolicyResource | undefined {
    if (!source || source.kind !== "secret" || !source.object) {
        return undefined;
    }
    const value = secretValue(source.object, source.key);
    if (value === undefined) {
        return undefined;
    }
    const property = typeof (source.object.props.stringData as Record<string, unknown> | undefined)?.[source.key] === "string" ? "stringData" : "data";
    return generatorOf(source.object, property, value);
}

/**
 * Requires each application container to define every variable; calls `check` for each defined
 * one with where it comes from. Reports the container once per missing variable.
 */
export function requireVariables(context: Context, names: string[], check?: (entry: AppContainer, name: string, source: EnvSource) => void): void {
    eachAppContainer(context, (entry) => {
        for (const name of names) {
            const source = entry.env.get(name);
            if (!source) {
                context.report(`${describeContainer(entry)} does not define ${name}`, entry.workload);
            } else if (source.kind !== "literal" && source.kind !== "other" && !source.object) {
                context.report(`${describeContainer(entry)} takes ${name} from ${source.kind === "secret" ? "Secret" : "ConfigMap"} ${source.name}, which this program does not create`, entry.workload);
            } else {
                check?.(entry, name, source);
            }
        }
    });
}

/** Variables holding credentials: they must come from Secrets, never literals or ConfigMaps. */
export const CREDENTIAL_VARIABLE = /(PASSWORD|SECRET|API_KEY|ENCRYPTION_KEY|PRIVATE_KEY|(^|_)TOKEN$)/;

export interface ServerSize {
    what: string;
    instanceType?: string;
    cores?: number;
    memoryGiB?: number;
    source: PolicyResource;
}

/** Sizes of the VoiceAssist servers (app hosts) and of the EKS nodes running its containers. */
export function serverSizes(resources: PolicyResource[]): ServerSize[] {
    const hosts = appHosts(resources).map((host) => ({ what: `host "${host.instance.name}"`, ...sizeOf(host) }));
    const nodes = ofType(resources, EKS_NODE_GROUP).flatMap((group) =>
        ((group.props.instanceTypes ?? []) as unknown[]).map((type) => {
            const size = instanceSize(String(type));
            return { what: `node group "${group.name}"`, instanceType: String(type), cores: size?.cores, memoryGiB: size?.memoryGiB, source: group };
        }),
    );
    return [...hosts, ...nodes];
}

/** A package of the boot document with its pinned version, if any (`[name, version]` entries). */
export function packageEntry(config: CloudConfig, name: string): { name: string; version?: string } | undefined {
    for (const entry of config.packages ?? []) {
        if (Array.isArray(entry) && entry[0] === name) {
            return { name, version: entry[1] === undefined ? undefined : String(entry[1]) };
        }
        if (entry === name) {
            return { name };
        }
    }
    return undefined;
}

/** "5:24.0.7-1~ubuntu.22.04~jammy" -> [24, 0, 7]; "2.24.6-0ubuntu1" -> [2, 24, 6]. */
export function debianVersion(version: string): number[] {
    const upstream = version.replace(/^\d+:/, "").split(/[-~+]/)[0];
    return upstream.split(".").map((part) => Number.parseInt(part, 10)).filter((part) => Number.isFinite(part));
}

export function versionAtLeast(version: number[], minimum: number[]): boolean {
    for (let index = 0; index < minimum.length; index += 1) {
        const part = version[index] ?? 0;
        if (part !== minimum[index]) {
            return part > minimum[index];
        }
    }
    return true;
}

/** The boot document adds an apt source whose URL contains `host` (e.g. download.docker.com). */
export function hasAptSource(config: CloudConfig, host: string): boolean {
    const sources = ((config.apt as Record<string, unknown> | undefined)?.sources ?? {}) as Record<string, Record<string, unknown>>;
    const listed = Object.values(sources).some((source) => typeof source?.source === "string" && source.source.includes(host));
    const written = (config.write_files ?? []).some((file) => /^\/etc\/apt\/sources\.list\.d\//.test(file.path) && (file.content ?? "").includes(host));
    return listed || written;
}

/** Ubuntu release the host boots (Canonical image parameter), as a number (24.04), if known. */
export function ubuntuReleaseOf(host: Host): number | undefined {
    const ubuntu = ubuntuImage(imageOf(host).imageId);
    return ubuntu ? Number(ubuntu.release) : undefined;
}

/** Pods a data-store release runs carry the chart's standard labels. */
export function releasePodLabels(release: PolicyResource): Record<string, string> {
    return { "app.kubernetes.io/name": chartName(release), "app.kubernetes.io/instance": String(release.props.name ?? release.name) };
}

export { releaseNamespace };

/** The VoiceAssist data stores running on Kubernetes (Redis and Qdrant releases). */
export function dataStoreReleases(resources: PolicyResource[]): PolicyResource[] {
    return [...redisReleases(resources), ...qdrantReleases(resources)];
}

/** Namespaces holding application or data-store pods (and so PHI). */
export function phiNamespaces(resources: PolicyResource[]): string[] {
    return [...new Set([...appWorkloads(resources).map(namespaceOf), ...dataStoreReleases(resources).map(releaseNamespace)])];
}

/** The Redis release the application uses (the first, when a program has several). */
export function redisRelease(resources: PolicyResource[]): PolicyResource | undefined {
    return redisReleases(resources)[0];
}

/** The Redis master's effective configuration; reports the release when this program cannot show it. */
export function effectiveRedisConfig(context: Context, release: PolicyResource): RedisConfig | undefined {
    const effective = redisConfig(context.resources, release);
    if (effective.problem) {
        context.report(effective.problem, release);
    }
    return effective.config;
}

/** Host names of the Bitnami chart's master service: <fullname>-master[.<namespace>.svc[.cluster.local]]. */
export function redisMasterHosts(release: PolicyResource): string[] {
    const name = String(release.props.name ?? release.name);
    const fullnameOverride = valueAt(release, "fullnameOverride");
    const fullname = typeof fullnameOverride === "string" ? fullnameOverride : name.includes("redis") ? name : `${name}-redis`;
    const namespace = releaseNamespace(release);
    const service = `${fullname}-master`;
    return [service, `${service}.${namespace}`, `${service}.${namespace}.svc`, `${service}.${namespace}.svc.cluster.local`];
}

export function redisPort(release: PolicyResource): number {
    return asNumber(valueAt(release, "master.service.ports.redis")) ?? 6379;
}

/**
 * The password Redis requires, as the Bitnami chart picks it: the key of auth.existingSecret (a
 * Secret of the program), else global.redis.password, which the chart applies before auth.password.
 */
export function redisPassword(resources: PolicyResource[], release: PolicyResource): { value?: string; holder: PolicyResource; property: string } | undefined {
    const existing = valueAt(release, "auth.existingSecret");
    if (typeof existing === "string" && existing !== "") {
        const secret = objectNamed(resources, SECRET_OBJECT, existing, releaseNamespace(release));
        if (!secret) {
            return undefined;
        }
        const key = valueAt(release, "auth.existingSecretPasswordKey");
        return { value: secretValue(secret, typeof key === "string" ? key : "redis-password"), holder: secret, property: "stringData" };
    }
    for (const path of ["global.redis.password", "auth.password"]) {
        const password = valueAt(release, path);
        if (typeof password === "string" && password !== "") {
            return { value: password, holder: release, property: "values" };
        }
    }
    return undefined;
}

/**
 * Visits where the environment terminates TLS: HTTPS/TLS listeners of the program's load balancers
 * and nginx servers listening with ssl on the VoiceAssist servers; reports when there is none.
 */
export function eachTlsEndpoint(context: Context, visit: { listener?: (listener: PolicyResource) => void; nginx?: (entry: NginxTls) => void }): void {
    const listeners = tlsListeners(context.resources);
    listeners.forEach((listener) => visit.listener?.(listener));
    let servers = 0;
    for (const host of appHosts(context.resources)) {
        const cloud = cloudConfigOf(host.instance);
        if ("config" in cloud) {
            for (const entry of nginxTlsServers(host, cloud.config, cloud.source)) {
                servers += 1;
                visit.nginx?.(entry);
            }
        }
    }
    if (listeners.length + servers === 0) {
        context.report(NO_TLS_ENDPOINT);
    }
}

export interface AppWebEntry {
    host: Host;
    config: CloudConfig;
    source: PolicyResource;
    balancers: PolicyResource[];
    nginx: Directive[];
    /** nginx servers with the locations that proxy (proxy_pass), with their inheritance chains. */
    proxies: { server: Directive; locations: { location: Directive; chain: Directive[] }[] }[];
}

/** Runs `check` for each VoiceAssist server with its nginx configuration and the load balancers in front of it. */
export function eachAppWeb(context: Context, check: (entry: AppWebEntry) => void): void {
    eachAppHost(context, (host, config, source) => {
        const nginx = nginxConfig(config);
        const http = httpContext(nginx);
        const proxies = servers(nginx)
            .map((server) => ({ server, locations: locations(http, server).filter(({ location }) => childDirectives(location, "proxy_pass").length > 0) }))
            .filter((proxy) => proxy.locations.length > 0);
        check({ host, config, source, balancers: balancersFronting(context.resources, host), nginx, proxies });
    });
}

export const NO_DATABASE = "no PostgreSQL database (aws:rds/instance with engine postgres, or an aurora-postgresql cluster) exists";

/** The primary PostgreSQL databases; reports when there is none, so that "each database" rules never pass on nothing. */
export function requireDatabases(context: Context): PolicyResource[] {
    const databases = primaryPostgres(context.resources);
    if (databases.length === 0) {
        context.report(NO_DATABASE);
    }
    return databases;
}

/** Read replicas of the database (replicateSourceDb refers to it). */
export function replicasOf(resources: PolicyResource[], database: PolicyResource): PolicyResource[] {
    return postgresDatabases(resources).filter((candidate) => isReplica(candidate) && referenced(candidate, "replicateSourceDb").some((source) => source.urn === database.urn));
}

/** Volumes of a release (chartVolumes) with the StorageClass provisioning them. */
export function releaseVolumes(resources: PolicyResource[], release: PolicyResource): { volume: ChartVolume; storageClass?: PolicyResource }[] {
    return chartVolumes(resources)
        .filter((volume) => volume.release.urn === release.urn)
        .map((volume) => ({ volume, storageClass: chartVolumeStorageClass(resources, volume) }));
}

/**
 * Why a release's volumes are not backed up daily by AWS Backup, or undefined: each volume's
 * StorageClass tags the EBS volumes it provisions, and a selection matching those tags belongs to
 * a plan with a daily rule.
 */
export function volumeBackupProblem(resources: PolicyResource[], release: PolicyResource): string | undefined {
    const volumes = releaseVolumes(resources, release);
    if (volumes.length === 0) {
        return "keeps no persistent volume, so there is nothing to back up";
    }
    for (const { volume, storageClass } of volumes) {
        if (!storageClass) {
            return `stores ${volume.what} with a StorageClass this program does not define, so its volumes' backup cannot be shown`;
        }
        const tags = storageClassVolumeTags(storageClass);
        // A stand-in for the volumes the class provisions: they carry its tags.
        const stand = { ...storageClass, type: "aws:ebs/volume:Volume", props: { tags } } as PolicyResource;
        const daily = plans(resources).filter((plan) => selectionsOf(resources, plan).some((selection) => selectionCovers(selection, stand)) && rulesOf(plan).some((rule) => atLeast(rule.schedule, "daily")));
        if (daily.length === 0) {
            return `stores ${volume.what} on StorageClass ${objectName(storageClass)}, whose volumes (tags ${Object.entries(tags).map(([key, value]) => `${key}=${value}`).join(", ") || "none"}) no daily AWS Backup selection covers`;
        }
    }
    return undefined;
}

/** Why a release's volumes do not survive the release's deletion (reclaimPolicy Retain), or undefined. */
export function volumeRetentionProblem(resources: PolicyResource[], release: PolicyResource): string | undefined {
    for (const { volume, storageClass } of releaseVolumes(resources, release)) {
        if (storageClass && reclaimPolicy(storageClass) !== "Retain") {
            return `stores ${volume.what} on StorageClass ${objectName(storageClass)}, which deletes volumes with their claims (reclaimPolicy ${reclaimPolicy(storageClass)}); Retain is required`;
        }
    }
    return undefined;
}

/** Why a release is not a dependable deployment (version pinned, awaited by Pulumi), or undefined. */
export function releaseDeploymentProblem(release: PolicyResource): string | undefined {
    if (!pinnedVersion(release)) {
        return `installs chart version ${String(release.props.version ?? "(latest)")}; pin an exact version`;
    }
    if (release.props.skipAwait === true) {
        return "is not awaited (skipAwait), so a release whose pods never start still succeeds";
    }
    return undefined;
}

/** Runs `check` for each release; reports when there is none. */
export function eachRelease(context: Context, releases: PolicyResource[], what: string, check: (release: PolicyResource) => void): void {
    if (releases.length === 0) {
        context.report(`no ${what} release (kubernetes:helm.sh/v3:Release) exists`);
    }
    releases.forEach(check);
}

/** A URL, or undefined when the text is not one (read values before calling: unknowns must reach the SDK). */
export function parseUrl(text: string | undefined): URL | undefined {
    if (text === undefined) {
        return undefined;
    }
    try {
        return new URL(text);
    } catch {
        return undefined;
    }
}
