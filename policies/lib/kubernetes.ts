// Kubernetes objects as programs describe them (`kubernetes:<group>/<version>:<Kind>` resources of
// @pulumi/kubernetes): workloads and their pod templates, containers and where their environment
// comes from, Secrets and ConfigMaps, NetworkPolicies, PersistentVolumeClaims and StorageClasses,
// RBAC bindings; plus the EKS cluster the objects run on. Objects refer to each other by name and
// namespace (which programs set explicitly), not by property dependencies.
import { PolicyResource } from "@pulumi/policy";
import { asNumber, ofType } from "./resources";
import { customerManagedKey } from "./kms";

export const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
export const STATEFUL_SET = "kubernetes:apps/v1:StatefulSet";
export const DAEMON_SET = "kubernetes:apps/v1:DaemonSet";
export const JOB = "kubernetes:batch/v1:Job";
export const CRON_JOB = "kubernetes:batch/v1:CronJob";
export const POD = "kubernetes:core/v1:Pod";
export const SECRET_OBJECT = "kubernetes:core/v1:Secret";
export const CONFIG_MAP = "kubernetes:core/v1:ConfigMap";
export const SERVICE = "kubernetes:core/v1:Service";
export const NAMESPACE = "kubernetes:core/v1:Namespace";
export const LIMIT_RANGE = "kubernetes:core/v1:LimitRange";
export const PVC = "kubernetes:core/v1:PersistentVolumeClaim";
export const STORAGE_CLASS = "kubernetes:storage.k8s.io/v1:StorageClass";
export const NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
export const INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";
export const CLUSTER_ROLE_BINDING = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding";
export const ROLE_BINDING = "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding";
export const KUBERNETES_PROVIDER = "pulumi:providers:kubernetes";
/** External Secrets Operator: copies values people hold (in a secret store) into a Kubernetes Secret. */
export const EXTERNAL_SECRET_TYPES = ["kubernetes:external-secrets.io/v1beta1:ExternalSecret", "kubernetes:external-secrets.io/v1:ExternalSecret"];

export const EKS_CLUSTER = "aws:eks/cluster:Cluster";
export const EKS_NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
export const EKS_ADDON = "aws:eks/addon:Addon";
export const EKS_ACCESS_ENTRY = "aws:eks/accessEntry:AccessEntry";
export const EKS_ACCESS_POLICY = "aws:eks/accessPolicyAssociation:AccessPolicyAssociation";

/** Long-running workloads (restarted by their controller). */
export const WORKLOAD_TYPES = [DEPLOYMENT, STATEFUL_SET, DAEMON_SET];

type Json = Record<string, unknown>;

function object(value: unknown): Json {
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {};
}

function list(value: unknown): Json[] {
    return Array.isArray(value) ? (value.filter((entry) => entry && typeof entry === "object") as Json[]) : [];
}

/** metadata.name, or the Pulumi name when the program lets the provider name the object. */
export function objectName(resource: PolicyResource): string {
    const name = object(resource.props.metadata).name;
    return typeof name === "string" ? name : resource.name;
}

export function namespaceOf(resource: PolicyResource): string {
    const namespace = object(resource.props.metadata).namespace;
    return typeof namespace === "string" ? namespace : "default";
}

export function describeObject(resource: PolicyResource): string {
    return `${resource.type.split(":").pop()} ${namespaceOf(resource)}/${objectName(resource)}`;
}

export function workloads(resources: PolicyResource[]): PolicyResource[] {
    return ofType(resources, ...WORKLOAD_TYPES);
}

/** The pod template's spec of a workload, job, cron job or bare pod. */
export function podSpecOf(resource: PolicyResource): Json {
    const spec = object(resource.props.spec);
    switch (resource.type) {
        case POD:
            return spec;
        case CRON_JOB:
            return object(object(object(object(spec.jobTemplate).spec).template).spec);
        default:
            return object(object(spec.template).spec);
    }
}

/** Labels of the pods a workload runs. */
export function podLabels(resource: PolicyResource): Record<string, string> {
    const metadata = resource.type === POD ? object(resource.props.metadata) : object(object(object(resource.props.spec).template).metadata);
    return object(metadata.labels) as Record<string, string>;
}

export interface Container {
    name: string;
    spec: Json;
    init: boolean;
}

export function containersOf(resource: PolicyResource): Container[] {
    const pod = podSpecOf(resource);
    return [
        ...list(pod.initContainers).map((spec) => ({ name: String(spec.name ?? ""), spec, init: true })),
        ...list(pod.containers).map((spec) => ({ name: String(spec.name ?? ""), spec, init: false })),
    ];
}

/**
 * Resources (cpu, memory, ...) the namespace's LimitRanges give a default limit to: Kubernetes sets
 * those limits on every container created there without its own, charts' containers included.
 */
export function defaultLimitKinds(resources: PolicyResource[], namespace: string): string[] {
    return ofType(resources, LIMIT_RANGE)
        .filter((range) => namespaceOf(range) === namespace)
        .flatMap((range) => list(object(range.props.spec).limits))
        .filter((limit) => limit.type === "Container")
        .flatMap((limit) => Object.keys(object(limit.default)));
}

/** The kinds of `kinds` a container spec's resources.limits leaves unset. */
export function missingLimits(spec: Json, kinds: string[]): string[] {
    const limits = object(object(spec.resources).limits);
    return kinds.filter((kind) => limits[kind] === undefined || limits[kind] === null);
}

export function mainContainers(resource: PolicyResource): Container[] {
    return containersOf(resource).filter((container) => !container.init);
}

/** matchLabels and matchExpressions of a label selector against a label set. */
export function selectorMatches(selector: unknown, labels: Record<string, string>): boolean {
    const sel = object(selector);
    const matchLabels = object(sel.matchLabels);
    if (!Object.entries(matchLabels).every(([key, value]) => labels[key] === value)) {
        return false;
    }
    return list(sel.matchExpressions).every((expression) => {
        const key = String(expression.key);
        const values = (Array.isArray(expression.values) ? expression.values : []).map(String);
        switch (expression.operator) {
            case "In":
                return key in labels && values.includes(labels[key]);
            case "NotIn":
                return !(key in labels) || !values.includes(labels[key]);
            case "Exists":
                return key in labels;
            case "DoesNotExist":
                return !(key in labels);
            default:
                return false;
        }
    });
}

// --- Services of type LoadBalancer (AWS) ----------------------------------------------------------
//
// Kubernetes' AWS cloud provider (in-tree, or the AWS Load Balancer Controller, which reads the same
// annotations) builds a load balancer for each Service of type LoadBalancer, configured by
// service.beta.kubernetes.io/aws-load-balancer-* annotations: ssl-cert (an ACM certificate) makes
// the listeners of ssl-ports (every port when absent or "*"; numbers or port names, comma-separated)
// TLS, ssl-negotiation-policy names their ELB security policy, backend-protocol ssl re-encrypts to
// the pods. UDP ports never get TLS.

export const AWS_LB_ANNOTATIONS = {
    type: "service.beta.kubernetes.io/aws-load-balancer-type",
    sslCert: "service.beta.kubernetes.io/aws-load-balancer-ssl-cert",
    sslPorts: "service.beta.kubernetes.io/aws-load-balancer-ssl-ports",
    sslPolicy: "service.beta.kubernetes.io/aws-load-balancer-ssl-negotiation-policy",
    backendProtocol: "service.beta.kubernetes.io/aws-load-balancer-backend-protocol",
};

/** Services of type LoadBalancer. */
export function loadBalancerServices(resources: PolicyResource[]): PolicyResource[] {
    return ofType(resources, SERVICE).filter((service) => object(service.props.spec).type === "LoadBalancer");
}

/** The Service's metadata.annotations (values are read lazily: an unknown one reaches the SDK only when read). */
export function annotationsOf(resource: PolicyResource): Json {
    return object(object(resource.props.metadata).annotations);
}

/** The Service names a certificate for its load balancer (ssl-cert is set, whatever its value: it is often unknown until the certificate exists). */
export function requestsBalancerTls(service: PolicyResource): boolean {
    return AWS_LB_ANNOTATIONS.sslCert in annotationsOf(service);
}

/**
 * The Service gets a network load balancer: the in-tree provider's "nlb", or the AWS Load Balancer
 * Controller's ("external", "nlb-ip", loadBalancerClass service.k8s.aws/nlb). Otherwise the in-tree
 * provider builds a Classic Load Balancer, whose listeners offer TLS 1.2 at most.
 */
export function getsNetworkBalancer(service: PolicyResource): boolean {
    const type = annotationsOf(service)[AWS_LB_ANNOTATIONS.type];
    return ["nlb", "nlb-ip", "external"].includes(String(type ?? "")) || object(service.props.spec).loadBalancerClass === "service.k8s.aws/nlb";
}

export interface ServicePort {
    name?: string;
    port?: number;
    protocol: string;
}

export function servicePorts(service: PolicyResource): ServicePort[] {
    return list(object(service.props.spec).ports).map((port) => ({
        name: typeof port.name === "string" ? port.name : undefined,
        port: asNumber(port.port),
        protocol: String(port.protocol ?? "TCP").toUpperCase(),
    }));
}

export function describeServicePort(port: ServicePort): string {
    return `${port.port ?? "(no port)"}/${port.protocol}${port.name ? ` (${port.name})` : ""}`;
}

/** Ports of a LoadBalancer Service its load balancer serves without TLS, each with the reason. */
export function plaintextBalancerPorts(service: PolicyResource): { port: ServicePort; reason: string }[] {
    const annotations = annotationsOf(service);
    const certificate = annotations[AWS_LB_ANNOTATIONS.sslCert];
    const ports = servicePorts(service);
    if (typeof certificate !== "string" || certificate === "") {
        return ports.map((port) => ({ port, reason: `no ${AWS_LB_ANNOTATIONS.sslCert} annotation names a certificate` }));
    }
    const sslPorts = annotations[AWS_LB_ANNOTATIONS.sslPorts];
    // As the provider reads it: split on commas, untrimmed; numbers match the port, anything else its name.
    const listed = sslPorts === undefined || sslPorts === "" || sslPorts === "*" ? undefined : String(sslPorts).split(",");
    return ports.flatMap((port) => {
        if (port.protocol === "UDP") {
            return [{ port, reason: "a UDP listener cannot use TLS" }];
        }
        const covered = listed === undefined || listed.some((entry) => (/^\d+$/.test(entry) ? Number(entry) === port.port : entry === port.name));
        return covered ? [] : [{ port, reason: `${AWS_LB_ANNOTATIONS.sslPorts} "${String(sslPorts)}" does not list it` }];
    });
}

// --- environment ---------------------------------------------------------------------------------

export type EnvSource =
    | { kind: "literal"; value: string }
    | { kind: "secret"; name: string; key: string; object?: PolicyResource }
    | { kind: "configMap"; name: string; key: string; object?: PolicyResource; value?: string }
    | { kind: "other" };

export function secretObjects(resources: PolicyResource[]): PolicyResource[] {
    return ofType(resources, SECRET_OBJECT);
}

/** The object of `type` with this name in the namespace. */
export function objectNamed(resources: PolicyResource[], type: string, name: string, namespace: string): PolicyResource | undefined {
    return ofType(resources, type).find((candidate) => objectName(candidate) === name && namespaceOf(candidate) === namespace);
}

/** The ExternalSecret whose target Secret (spec.target.name, else its own name) has this name in the namespace. */
export function externalSecretFor(resources: PolicyResource[], name: string, namespace: string): PolicyResource | undefined {
    return ofType(resources, ...EXTERNAL_SECRET_TYPES).find((candidate) => {
        const target = object(object(candidate.props.spec).target).name;
        return (typeof target === "string" ? target : objectName(candidate)) === name && namespaceOf(candidate) === namespace;
    });
}

/** The Secret of this name in the namespace: created by the program, or the target of one of its ExternalSecrets. */
export function secretSource(resources: PolicyResource[], name: string, namespace: string): PolicyResource | undefined {
    return objectNamed(resources, SECRET_OBJECT, name, namespace) ?? externalSecretFor(resources, name, namespace);
}

export function isExternalSecret(resource: PolicyResource | undefined): boolean {
    return resource !== undefined && EXTERNAL_SECRET_TYPES.includes(resource.type);
}

/** The secret store key an ExternalSecret copies into `secretKey` (spec.data[].remoteRef.key). */
export function externalRemoteKey(externalSecret: PolicyResource, secretKey: string): string | undefined {
    const entry = list(object(externalSecret.props.spec).data).find((data) => data.secretKey === secretKey);
    const key = object(entry?.remoteRef).key;
    return typeof key === "string" ? key : undefined;
}

/** Keys a Secret or ConfigMap defines (stringData and data); for an ExternalSecret, the keys it writes. */
export function dataKeys(resource: PolicyResource): string[] {
    if (isExternalSecret(resource)) {
        return list(object(resource.props.spec).data).map((data) => String(data.secretKey));
    }
    return [...new Set([...Object.keys(object(resource.props.stringData)), ...Object.keys(object(resource.props.data))])];
}

/** A ConfigMap's literal value for a key. */
function configValue(resource: PolicyResource | undefined, key: string): string | undefined {
    const value = resource ? object(resource.props.data)[key] : undefined;
    return typeof value === "string" ? value : undefined;
}

/**
 * The environment variables of a container and where each comes from: a literal `value`, a Secret
 * or ConfigMap key (`valueFrom`), or every key of a Secret or ConfigMap (`envFrom`, with prefix).
 * Later definitions win, as in Kubernetes (`env` over `envFrom`).
 */
export function environmentOf(resources: PolicyResource[], workload: PolicyResource, container: Container): Map<string, EnvSource> {
    const namespace = namespaceOf(workload);
    const env = new Map<string, EnvSource>();
    for (const from of list(container.spec.envFrom)) {
        const prefix = typeof from.prefix === "string" ? from.prefix : "";
        const secretRef = object(from.secretRef);
        const configMapRef = object(from.configMapRef);
        if (typeof secretRef.name === "string") {
            const found = secretSource(resources, secretRef.name, namespace);
            for (const key of found ? dataKeys(found) : []) {
                env.set(`${prefix}${key}`, { kind: "secret", name: secretRef.name, key, object: found });
            }
        }
        if (typeof configMapRef.name === "string") {
            const found = objectNamed(resources, CONFIG_MAP, configMapRef.name, namespace);
            for (const key of found ? dataKeys(found) : []) {
                env.set(`${prefix}${key}`, { kind: "configMap", name: configMapRef.name, key, object: found, value: configValue(found, key) });
            }
        }
    }
    for (const entry of list(container.spec.env)) {
        const name = String(entry.name ?? "");
        if (entry.value !== undefined) {
            env.set(name, { kind: "literal", value: String(entry.value) });
            continue;
        }
        const valueFrom = object(entry.valueFrom);
        const secretKey = object(valueFrom.secretKeyRef);
        const configKey = object(valueFrom.configMapKeyRef);
        if (typeof secretKey.name === "string") {
            const found = secretSource(resources, secretKey.name, namespace);
            env.set(name, { kind: "secret", name: secretKey.name, key: String(secretKey.key), object: found });
        } else if (typeof configKey.name === "string") {
            const found = objectNamed(resources, CONFIG_MAP, configKey.name, namespace);
            env.set(name, { kind: "configMap", name: configKey.name, key: String(configKey.key), object: found, value: configValue(found, String(configKey.key)) });
        } else {
            env.set(name, { kind: "other" });
        }
    }
    return env;
}

/** A literal value of a variable (literal or ConfigMap), when the program shows it. */
export function literalValue(source: EnvSource | undefined): string | undefined {
    if (!source) {
        return undefined;
    }
    if (source.kind === "literal") {
        return source.value;
    }
    return source.kind === "configMap" ? source.value : undefined;
}

export function describeSource(source: EnvSource): string {
    switch (source.kind) {
        case "literal":
            return "a literal value";
        case "secret":
            return `key ${source.key} of Secret ${source.name}`;
        case "configMap":
            return `key ${source.key} of ConfigMap ${source.name}`;
        default:
            return "a field reference";
    }
}

// --- network policies ----------------------------------------------------------------------------

export function networkPolicies(resources: PolicyResource[]): PolicyResource[] {
    return ofType(resources, NETWORK_POLICY);
}

export function policyTypes(policy: PolicyResource): string[] {
    const spec = object(policy.props.spec);
    if (Array.isArray(spec.policyTypes)) {
        return spec.policyTypes.map(String);
    }
    // Kubernetes defaults: Ingress always, Egress when egress rules are given.
    return ["Ingress", ...(spec.egress !== undefined ? ["Egress"] : [])];
}

/** A policy selecting every pod of its namespace that allows nothing in and nothing out. */
export function isDefaultDeny(policy: PolicyResource): boolean {
    const spec = object(policy.props.spec);
    const selector = object(spec.podSelector);
    const selectsAll = Object.keys(object(selector.matchLabels)).length === 0 && list(selector.matchExpressions).length === 0;
    const types = policyTypes(policy);
    return selectsAll && types.includes("Ingress") && types.includes("Egress") && list(spec.ingress).length === 0 && list(spec.egress).length === 0;
}

/** Policies of the workload's namespace whose podSelector selects its pods. */
export function policiesSelecting(resources: PolicyResource[], workload: PolicyResource): PolicyResource[] {
    const labels = podLabels(workload);
    return networkPolicies(resources).filter((policy) => namespaceOf(policy) === namespaceOf(workload) && selectorMatches(object(policy.props.spec).podSelector, labels));
}

export interface Peer {
    /** Pods selected (same namespace unless namespaceSelector). */
    podSelector?: Json;
    namespaceSelector?: Json;
    ipBlock?: { cidr: string; except: string[] };
}

export interface PolicyRule {
    policy: PolicyResource;
    direction: "Ingress" | "Egress";
    peers: Peer[];
    /** Ports; empty = all ports. */
    ports: { port?: number | string; protocol: string }[];
}

export function policyRules(policy: PolicyResource): PolicyRule[] {
    const spec = object(policy.props.spec);
    const rules: PolicyRule[] = [];
    for (const [direction, key, peerKey] of [["Ingress", "ingress", "from"], ["Egress", "egress", "to"]] as const) {
        for (const rule of list(spec[key])) {
            rules.push({
                policy,
                direction,
                peers: list(rule[peerKey]).map((peer) => ({
                    podSelector: peer.podSelector !== undefined ? object(peer.podSelector) : undefined,
                    namespaceSelector: peer.namespaceSelector !== undefined ? object(peer.namespaceSelector) : undefined,
                    ipBlock: peer.ipBlock !== undefined ? { cidr: String(object(peer.ipBlock).cidr), except: (object(peer.ipBlock).except as string[] | undefined) ?? [] } : undefined,
                })),
                ports: list(rule.ports).map((port) => ({ port: typeof port.port === "number" || typeof port.port === "string" ? port.port : undefined, protocol: String(port.protocol ?? "TCP") })),
            });
        }
    }
    return rules;
}

/** The rule lets traffic reach (or leave to) `port`: no port list, or the port is listed. */
export function rulePermitsPort(rule: PolicyRule, port: number): boolean {
    return rule.ports.length === 0 || rule.ports.some((entry) => entry.port === undefined || asNumber(entry.port) === port);
}

// --- storage -------------------------------------------------------------------------------------

export function storageClasses(resources: PolicyResource[]): PolicyResource[] {
    return ofType(resources, STORAGE_CLASS);
}

export function isDefaultStorageClass(storageClass: PolicyResource): boolean {
    const annotations = object(object(storageClass.props.metadata).annotations);
    return annotations["storageclass.kubernetes.io/is-default-class"] === "true";
}

export function storageClassNamed(resources: PolicyResource[], name: string | undefined): PolicyResource | undefined {
    if (name === undefined || name === "") {
        return storageClasses(resources).find(isDefaultStorageClass);
    }
    return storageClasses(resources).find((storageClass) => objectName(storageClass) === name);
}

const EBS_PROVISIONERS = ["ebs.csi.aws.com", "kubernetes.io/aws-ebs"];

/** Why the StorageClass leaves its volumes unencrypted, or undefined. */
export function storageClassEncryptionProblem(storageClass: PolicyResource): string | undefined {
    const parameters = object(storageClass.props.parameters);
    if (!EBS_PROVISIONERS.includes(String(storageClass.props.provisioner))) {
        return `provisions through ${String(storageClass.props.provisioner)}, whose encryption this policy cannot see`;
    }
    if (String(parameters.encrypted) !== "true") {
        return 'does not encrypt its EBS volumes (parameters.encrypted: "true")';
    }
    if (parameters.kmsKeyId === undefined) {
        return "encrypts with the AWS-managed key rather than a customer-managed KMS key (parameters.kmsKeyId)";
    }
    return undefined;
}

export function reclaimPolicy(storageClass: PolicyResource): string {
    return String(storageClass.props.reclaimPolicy ?? "Delete");
}

export function claims(resources: PolicyResource[]): PolicyResource[] {
    return ofType(resources, PVC);
}

export function claimStorageClass(claim: PolicyResource): string | undefined {
    const name = object(claim.props.spec).storageClassName;
    return typeof name === "string" ? name : undefined;
}

// --- EKS -----------------------------------------------------------------------------------------

export function eksClusters(resources: PolicyResource[]): PolicyResource[] {
    return ofType(resources, EKS_CLUSTER);
}

/** The cluster encrypts Kubernetes Secrets with a KMS key (envelope encryption). */
export function encryptsSecrets(cluster: PolicyResource): boolean {
    const config = object(cluster.props.encryptionConfig);
    const resources = Array.isArray(config.resources) ? config.resources : [];
    return resources.includes("secrets") && customerManagedKey(cluster, "encryptionConfig", { holder: object(config.provider), key: "keyArn" });
}

export function clusterLogTypes(cluster: PolicyResource): string[] {
    return Array.isArray(cluster.props.enabledClusterLogTypes) ? cluster.props.enabledClusterLogTypes.map(String) : [];
}

/** The EKS add-on's configurationValues (JSON) as an object. */
export function addonConfiguration(addon: PolicyResource): Json {
    const text = addon.props.configurationValues;
    if (typeof text !== "string") {
        return {};
    }
    try {
        return object(JSON.parse(text));
    } catch {
        return {};
    }
}

/** Network policy engines installed as helm releases (chart names). */
export const NETWORK_POLICY_ENGINES = ["tigera-operator", "calico", "cilium"];

/**
 * Something enforces NetworkPolicies: the EKS VPC CNI add-on with enableNetworkPolicy "true", or
 * a Calico/Cilium release. Without an engine, NetworkPolicy objects are stored and ignored.
 */
export function networkPolicyEnforcement(resources: PolicyResource[], releaseCharts: string[]): boolean {
    const cni = ofType(resources, EKS_ADDON).some((addon) => addon.props.addonName === "vpc-cni" && String(addonConfiguration(addon).enableNetworkPolicy) === "true");
    return cni || releaseCharts.some((chart) => NETWORK_POLICY_ENGINES.includes(chart));
}
