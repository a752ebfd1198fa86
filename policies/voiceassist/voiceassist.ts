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
import { CloudConfig } from "../lib/cloud-init";
import { Host, ROLE_TAG, eachHostConfig, hostsWithRole } from "../lib/hosts";
import { Container, DEPLOYMENT, EnvSource, STATEFUL_SET, environmentOf, mainContainers, objectName, podLabels } from "../lib/kubernetes";
import { ofType, tagsOf } from "../lib/resources";
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
export const CREDENTIAL_VARIABLE = /(PASSWORD|SECRET|TOKEN|API_KEY|ENCRYPTION_KEY|PRIVATE_KEY)/;
