// Runs a Pulumi program in this process under the SDK's mock monitor and records every resource
// it registers, with the same request the engine would have received: type, name, parent,
// inputs (in wire form, so secrets and unknowns survive), dependencies, provider and options.
import * as path from "path";
import { InputError } from "./errors";
import { digest, regionOf } from "./mocks/identity";
import { autoname } from "./mocks/autonaming";
import { UnansweredInvokeError, answerInvoke } from "./mocks/invokes";
import { mockState } from "./mocks/state";
import { register as registerTypeScript } from "./ts-hook";

/** The sentinel the engine uses for a value that is not known yet. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export type WireValue = unknown;

export interface SourcePosition {
    uri: string;
    line: number;
    column: number;
}

export interface ResourceOptions {
    protect: boolean;
    retainOnDelete: boolean;
    deleteBeforeReplace?: boolean;
    ignoreChanges: string[];
    additionalSecretOutputs: string[];
    aliases: string[];
    replaceOnChanges: string[];
    deletedWith?: string;
    customTimeouts: { create: string; update: string; delete: string };
}

export interface RecordedResource {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
    parent?: string;
    /** Provider reference "urn::id" for an explicit provider. */
    provider?: string;
    id?: string;
    /** The inputs as the engine sees them: secrets wrapped, unknowns as the sentinel. */
    inputs: Record<string, WireValue>;
    /** What the analyzer sees: inputs plus computed outputs when not previewing. */
    properties: Record<string, WireValue>;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    options: ResourceOptions;
    source?: SourcePosition;
    /** Version of the resource's package, which names its default provider. */
    version?: string;
    /** Read with `.get()`: in the stack, but never registered, so never analyzed on its own. */
    read?: boolean;
    /** A remote component (e.g. awsx), which its provider constructs. */
    remote?: boolean;
}

export interface ProgramRun {
    project: string;
    stack: string;
    preview: boolean;
    resources: RecordedResource[];
    outputs: Record<string, unknown>;
}

// The parts of the SDK's generated protobuf classes this file reads.
interface StructLike {
    toJavaScript(): Record<string, unknown>;
}
interface RegisterRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getObject(): StructLike | undefined;
    getProtect(): boolean;
    getDependenciesList(): string[];
    getProvider(): string;
    getPropertydependenciesMap(): { forEach(callback: (value: { getUrnsList(): string[] }, key: string) => void): void };
    getDeletebeforereplace(): boolean;
    getDeletebeforereplacedefined(): boolean;
    getIgnorechangesList(): string[];
    getAdditionalsecretoutputsList(): string[];
    getAliasurnsList(): string[];
    getImportid(): string;
    getCustomtimeouts(): { getCreate(): string; getUpdate(): string; getDelete(): string } | undefined;
    getReplaceonchangesList(): string[];
    getRetainondelete(): boolean;
    getDeletedwith(): string;
    getSourceposition(): { getUri(): string; getLine(): number; getColumn(): number } | undefined;
    getVersion(): string;
    getRemote(): boolean;
}
interface ReadRequest {
    getId(): string;
    getType(): string;
    getName(): string;
    getParent(): string;
    getProperties(): StructLike | undefined;
    getDependenciesList(): string[];
    getProvider(): string;
    getVersion(): string;
    getAdditionalsecretoutputsList(): string[];
    getSourceposition(): { getUri(): string; getLine(): number; getColumn(): number } | undefined;
}
interface OutputsRequest {
    getUrn(): string;
    getOutputs(): StructLike | undefined;
}
type Callback = (error: Error | null, response?: unknown) => void;
interface MockMonitorInstance {
    resources: Map<string, { urn: string; id: string | null; state: unknown }>;
    registerResourceOutputs(request: OutputsRequest, callback: Callback): void;
}
interface MockCallbacks {
    newResource(args: { type: string; name: string; inputs: Record<string, unknown>; provider?: string; custom?: boolean; id?: string }): Promise<{ id: string | undefined; state: Record<string, unknown> }>;
    call(args: { token: string; inputs: Record<string, unknown>; provider?: string }): Promise<Record<string, unknown>>;
}

function isSecret(value: unknown): value is { value: unknown } {
    return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG;
}

function secret(value: unknown): unknown {
    return isSecret(value) ? value : { [SECRET_SIG_KEY]: SECRET_SIG, value };
}

/** The plain value of a wire value: secrets unwrapped (unknowns stay the sentinel). */
export function plain(value: WireValue): unknown {
    if (isSecret(value)) {
        return plain(value.value);
    }
    if (Array.isArray(value)) {
        return value.map(plain);
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([key, element]) => [key, plain(element)]));
    }
    return value;
}

/** The engine's URN: the parent's type chain, except the root stack's, qualifies the type. */
export function resourceUrn(project: string, stack: string, parent: string, type: string, name: string): string {
    const parentType = parent ? parent.split("::")[2] : undefined;
    const qualified = parentType && parentType !== "pulumi:pulumi:Stack" ? `${parentType}$${type}` : type;
    return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

function optionsOf(request: RegisterRequest): ResourceOptions {
    const timeouts = request.getCustomtimeouts();
    return {
        protect: request.getProtect(),
        retainOnDelete: request.getRetainondelete(),
        deleteBeforeReplace: request.getDeletebeforereplacedefined() ? request.getDeletebeforereplace() : undefined,
        ignoreChanges: request.getIgnorechangesList(),
        additionalSecretOutputs: request.getAdditionalsecretoutputsList(),
        aliases: request.getAliasurnsList(),
        replaceOnChanges: request.getReplaceonchangesList(),
        deletedWith: request.getDeletedwith() || undefined,
        customTimeouts: { create: timeouts?.getCreate() ?? "", update: timeouts?.getUpdate() ?? "", delete: timeouts?.getDelete() ?? "" },
    };
}

function sourceOf(request: Pick<RegisterRequest, "getSourceposition">): SourcePosition | undefined {
    const position = request.getSourceposition();
    return position ? { uri: position.getUri(), line: position.getLine(), column: position.getColumn() } : undefined;
}

interface Sdk {
    pulumi: typeof import("@pulumi/pulumi");
    settings: { setMockOptions(monitor: unknown, project: string, stack: string, preview: boolean): void; waitForRPCs(): Promise<void> };
    MockMonitor: new (mocks: MockCallbacks) => MockMonitorInstance;
    state: { getStore(): Record<string, unknown> };
    rpc: {
        serializeProperties(label: string, props: Record<string, unknown>): Promise<Record<string, unknown>>;
        deserializeProperties(struct: StructLike | undefined): Record<string, unknown>;
    };
    structproto: { Struct: { fromJavaScript(value: unknown): unknown } };
    resproto: {
        RegisterResourceResponse: new () => { setUrn(urn: string): void; setId(id: string): void; setObject(value: unknown): void };
        ReadResourceResponse: new () => { setUrn(urn: string): void; setProperties(value: unknown): void };
    };
}

/** The program's own copy of @pulumi/pulumi: mocks must be installed in the copy it registers with. */
function loadSdk(projectDir: string, label: string): Sdk {
    let entry: string;
    try {
        entry = require.resolve("@pulumi/pulumi", { paths: [projectDir] });
    } catch {
        throw new InputError(label, "@pulumi/pulumi is not installed for this program (run npm install in its directory)");
    }
    const root = path.dirname(entry);
    return {
        pulumi: require(entry),
        settings: require(path.join(root, "runtime", "settings")),
        MockMonitor: require(path.join(root, "runtime", "mocks")).MockMonitor,
        state: require(path.join(root, "runtime", "state")),
        rpc: require(path.join(root, "runtime", "rpc")),
        structproto: require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [root] })),
        resproto: require(path.join(root, "proto", "resource_pb")),
    };
}

export interface MockOptions {
    /** Directory whose @pulumi/pulumi the program uses. */
    dir: string;
    project: string;
    stack: string;
    config: Record<string, string>;
    preview: boolean;
    /** Label of the program for messages, e.g. its main file. */
    label: string;
}

export interface RunOptions extends MockOptions {
    main: string;
    /** The stack file, named in messages about config keys. */
    configSource?: string;
    timeoutMs?: number;
}

export interface RecordingSession {
    /** Every resource registered so far, in registration order. */
    resources: RecordedResource[];
    /** Errors raised while answering invokes. */
    failures: unknown[];
    /** Resolves once every registration started so far has reached the mock monitor. */
    settle(): Promise<void>;
    /** The runtime's Stack module, to run a program as the root resource's init. */
    runInPulumiStack(init: () => Promise<unknown>): Promise<Record<string, unknown> | undefined>;
}

const DEFAULT_TIMEOUTS = { create: "", update: "", delete: "" };

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Installs the mock monitor in the program's copy of the Pulumi runtime and records every
 * registration. Used by the gate for whole programs and by component tests.
 */
export async function installRecordingMocks(options: MockOptions): Promise<RecordingSession> {
    registerTypeScript();
    const sdk = loadSdk(options.dir, options.label);
    const region = regionOf(options.config);
    const resources: RecordedResource[] = [];
    const byUrn = new Map<string, RecordedResource>();
    const failures: unknown[] = [];

    // A resource or invoke through an explicit provider lives in that provider's region.
    const regionFor = (providerReference: string | undefined): string => {
        const provider = providerReference ? byUrn.get(providerReference.split("::").slice(0, -1).join("::")) : undefined;
        const value = provider ? plain(provider.inputs.region) : undefined;
        return typeof value === "string" && value !== UNKNOWN ? value : region;
    };
    // What the engine answers for a new resource: the inputs echoed plus what the provider computes.
    // A first preview knows the inputs only: every computed output is unknown. Components have no id.
    const outputsOf = (type: string, name: string, inputs: Record<string, unknown>, custom: boolean, provider?: string, id?: string) => {
        const known = mockState(type, name, inputs, regionFor(provider), id);
        if (!custom) {
            return { id: undefined, state: known.state };
        }
        if (!options.preview) {
            return known;
        }
        const state: Record<string, unknown> = { ...inputs };
        for (const [key, value] of Object.entries(known.state)) {
            if (!(key in inputs)) {
                state[key] = UNKNOWN;
            } else if (isObject(value) && isObject(inputs[key])) {
                // An input block the provider completes (an EKS cluster's vpcConfig.clusterSecurityGroupId).
                const given = inputs[key] as Record<string, unknown>;
                state[key] = { ...given, ...Object.fromEntries(Object.keys(value).filter((nested) => !(nested in given)).map((nested) => [nested, UNKNOWN])) };
            }
        }
        return { id: undefined, state };
    };
    const record = (resource: RecordedResource) => {
        resources.push(resource);
        byUrn.set(resource.urn, resource);
    };
    // Outputs the engine encrypts (additionalSecretOutputs) come back as secrets.
    const withSecretOutputs = (state: Record<string, unknown>, keys: string[]) => {
        for (const key of keys) {
            if (key in state) {
                state[key] = secret(state[key]);
            }
        }
        return state;
    };

    const mocks: MockCallbacks = {
        async newResource(args) {
            return outputsOf(args.type, args.name, args.inputs, args.custom ?? true, args.provider || undefined, args.id || undefined);
        },
        async call(args) {
            try {
                return answerInvoke(args.token, args.inputs, regionFor(args.provider || undefined));
            } catch (error) {
                failures.push(error);
                throw error;
            }
        },
    };
    await sdk.pulumi.runtime.setMocks(mocks, options.project, options.stack, options.preview);
    const monitor = new sdk.MockMonitor(mocks);
    const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
    // Same protocol as the SDK's MockMonitor, but the whole request is recorded.
    Object.assign(monitor, {
        registerResource: async (request: RegisterRequest, callback: Callback) => {
            try {
                const inputs = request.getObject()?.toJavaScript() ?? {};
                const deserialized = sdk.rpc.deserializeProperties(request.getObject());
                const named = autoname(request.getType(), request.getName(), inputs);
                if (named) {
                    inputs[named.property] = named.value;
                    deserialized[named.property] = named.value;
                }
                const result = await mocks.newResource({
                    type: request.getType(),
                    name: request.getName(),
                    inputs: deserialized,
                    provider: request.getProvider(),
                    custom: request.getCustom(),
                    id: request.getImportid(),
                });
                const urn = resourceUrn(options.project, options.stack, request.getParent(), request.getType(), request.getName());
                const state = withSecretOutputs(await sdk.rpc.serializeProperties("", result.state), request.getAdditionalsecretoutputsList());
                const propertyDependencies: Record<string, string[]> = {};
                request.getPropertydependenciesMap().forEach((value, key) => {
                    propertyDependencies[key] = value.getUrnsList();
                });
                record({
                    urn,
                    type: request.getType(),
                    name: request.getName(),
                    custom: request.getCustom(),
                    parent: request.getParent() || undefined,
                    provider: request.getProvider() || undefined,
                    id: result.id,
                    inputs,
                    properties: state,
                    dependencies: request.getDependenciesList(),
                    propertyDependencies,
                    options: optionsOf(request),
                    source: sourceOf(request),
                    version: request.getVersion() || undefined,
                    ...(request.getRemote() ? { remote: true } : {}),
                });
                monitor.resources.set(urn, { urn, id: result.id ?? null, state });
                const response = new sdk.resproto.RegisterResourceResponse();
                response.setUrn(urn);
                response.setId(result.id ?? "");
                response.setObject(sdk.structproto.Struct.fromJavaScript(state));
                callback(null, response);
            } catch (error) {
                callback(error as Error);
            }
        },
        // `Resource.get(name, id)`: the engine reads the existing resource, in a preview too.
        readResource: async (request: ReadRequest, callback: Callback) => {
            try {
                const id = request.getId();
                const result = mockState(request.getType(), request.getName(), sdk.rpc.deserializeProperties(request.getProperties()), regionFor(request.getProvider() || undefined), id);
                const urn = resourceUrn(options.project, options.stack, request.getParent(), request.getType(), request.getName());
                const state = withSecretOutputs(await sdk.rpc.serializeProperties("", result.state), request.getAdditionalsecretoutputsList());
                record({
                    urn,
                    type: request.getType(),
                    name: request.getName(),
                    custom: true,
                    parent: request.getParent() || undefined,
                    provider: request.getProvider() || undefined,
                    id,
                    inputs: request.getProperties()?.toJavaScript() ?? {},
                    properties: state,
                    dependencies: request.getDependenciesList(),
                    propertyDependencies: {},
                    options: {
                        protect: false,
                        retainOnDelete: false,
                        ignoreChanges: [],
                        additionalSecretOutputs: request.getAdditionalsecretoutputsList(),
                        aliases: [],
                        replaceOnChanges: [],
                        customTimeouts: DEFAULT_TIMEOUTS,
                    },
                    source: sourceOf(request),
                    version: request.getVersion() || undefined,
                    read: true,
                });
                monitor.resources.set(urn, { urn, id, state });
                const response = new sdk.resproto.ReadResourceResponse();
                response.setUrn(urn);
                response.setProperties(sdk.structproto.Struct.fromJavaScript(state));
                callback(null, response);
            } catch (error) {
                callback(error as Error);
            }
        },
        // A component's (and the stack's) state is what it registers as outputs.
        registerResourceOutputs: (request: OutputsRequest, callback: Callback) => {
            const recorded = byUrn.get(request.getUrn());
            if (recorded && !recorded.custom) {
                recorded.properties = request.getOutputs()?.toJavaScript() ?? {};
            }
            registerOutputs(request, callback);
        },
    });
    sdk.settings.setMockOptions(monitor, options.project, options.stack, options.preview);
    // setMockOptions resets what the monitor supports; restore what setMocks declares (secrets,
    // resource references, ...), as the engine's feature negotiation would.
    Object.assign(sdk.state.getStore(), {
        supportsSecrets: true,
        supportsResourceReferences: true,
        supportsOutputValues: false,
        supportsDeletedWith: true,
        supportsReplaceWith: true,
        supportsAliasSpecs: true,
        supportsTransforms: false,
        supportsParameterization: true,
        supportsResourceHooks: true,
        supportsErrorHooks: true,
    });
    sdk.pulumi.runtime.setAllConfig(options.config, []);
    const stackModule: Pick<RecordingSession, "runInPulumiStack"> = require(path.join(path.dirname(require.resolve("@pulumi/pulumi", { paths: [options.dir] })), "runtime", "stack"));
    return {
        resources,
        failures,
        settle: () => sdk.settings.waitForRPCs(),
        runInPulumiStack: (init) => stackModule.runInPulumiStack(init),
    };
}

/** The package config the engine gives a default provider: `<package>:<key>` values, structured ones parsed. */
function packageConfig(config: Record<string, string>, pkg: string): Record<string, unknown> {
    const inputs: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(config)) {
        if (key.startsWith(`${pkg}:`)) {
            let parsed: unknown = value;
            if (/^[[{]/.test(value)) {
                try {
                    parsed = JSON.parse(value);
                } catch {
                    parsed = value;
                }
            }
            inputs[key.slice(pkg.length + 1)] = parsed;
        }
    }
    return inputs;
}

/**
 * Adds the default providers the engine creates: a custom resource registered without a provider
 * gets `pulumi:providers:<package>::default_<version>`, configured from the stack's `<package>:*`
 * keys, which policies see as the resource's provider (its region, for example).
 */
export function withDefaultProviders(resources: RecordedResource[], options: Pick<MockOptions, "project" | "stack" | "config" | "preview">): RecordedResource[] {
    const result: RecordedResource[] = [];
    const providers = new Map<string, RecordedResource>();
    for (const resource of resources) {
        const pkg = resource.type.split(":")[0];
        if ((resource.custom || resource.remote) && !resource.provider && pkg !== "pulumi") {
            const name = resource.version ? `default_${resource.version.replace(/[.+-]/g, "_")}` : "default";
            const type = `pulumi:providers:${pkg}`;
            const urn = `urn:pulumi:${options.stack}::${options.project}::${type}::${name}`;
            let provider = providers.get(urn);
            if (!provider) {
                const inputs = { ...packageConfig(options.config, pkg), ...(resource.version ? { version: resource.version } : {}) };
                const id = options.preview ? undefined : uuidFrom(digest(urn));
                provider = {
                    urn,
                    type,
                    name,
                    custom: true,
                    id,
                    inputs,
                    properties: inputs,
                    dependencies: [],
                    propertyDependencies: {},
                    options: { protect: false, retainOnDelete: false, ignoreChanges: [], additionalSecretOutputs: [], aliases: [], replaceOnChanges: [], customTimeouts: DEFAULT_TIMEOUTS },
                };
                providers.set(urn, provider);
                result.push(provider);
            }
            resource.provider = `${urn}::${provider.id ?? UNKNOWN}`;
        }
        result.push(resource);
    }
    return result;
}

function uuidFrom(hash: string): string {
    return `${hash.slice(0, 8)}-${hash.slice(8, 12)}-${hash.slice(12, 16)}-${hash.slice(16, 20)}-${hash.slice(20, 32)}`;
}

export async function runProgram(options: RunOptions): Promise<ProgramRun> {
    const session = await installRecordingMocks(options);
    const { resources, failures } = session;

    // Like the CLI's language host, catch what the program leaves unhandled for the rest of the
    // process: the stack's own promises reject again after the run has ended.
    const onFailure = (error: unknown) => failures.push(error);
    process.on("unhandledRejection", onFailure);
    process.on("uncaughtException", onFailure);
    // The program shares the gate's process: its process.exit would end the gate, report unwritten.
    const exit = process.exit;
    process.exit = ((code?: number) => {
        throw new InputError(options.label, `the program called process.exit(${code ?? ""}) before registering all its resources`);
    }) as typeof process.exit;
    const previousDir = process.cwd();
    process.chdir(options.dir);
    let outputs: Record<string, unknown> = {};
    try {
        const run = (async () => {
            const result = await session.runInPulumiStack(async () => {
                const exported = require(options.main);
                return typeof exported === "function" ? await exported() : exported;
            });
            await session.settle();
            // Node reports an unhandled rejection (say, an apply that threw) only after the
            // microtasks of the current turn: give it one turn before judging the run.
            await new Promise((resolve) => setImmediate(resolve));
            return result ?? {};
        })();
        outputs = await withTimeout(run, options.timeoutMs ?? 120_000, options.label);
    } catch (error) {
        failures.unshift(error);
    } finally {
        process.chdir(previousDir);
        process.exit = exit;
    }
    if (failures.length > 0) {
        throw programError(failures, options.label, options.configSource ?? options.label, secretValues(resources));
    }
    return { project: options.project, stack: options.stack, preview: options.preview, resources: withDefaultProviders(resources, options), outputs };
}

/** The engine analyzes every resource the program registered, but not those it only read. */
export function isAnalyzed(resource: RecordedResource): boolean {
    return !resource.read;
}

/**
 * Plain values of every secret the resources hold, to keep them out of messages. A value that the
 * program also uses in the open (a short user name inside a credentials secret that is also a
 * role's name, a resource's own name) is no secret, and redacting it would only garble messages.
 */
export function secretValues(resources: RecordedResource[]): string[] {
    const secret = new Set<string>();
    const open = new Set<string>();
    const collect = (value: WireValue, inSecret: boolean): void => {
        if (isSecret(value)) {
            collect(value.value, true);
        } else if (Array.isArray(value)) {
            value.forEach((element) => collect(element, inSecret));
        } else if (typeof value === "object" && value !== null) {
            Object.values(value).forEach((element) => collect(element, inSecret));
        } else if ((typeof value === "string" || typeof value === "number") && value !== UNKNOWN) {
            (inSecret ? secret : open).add(String(value));
        }
    };
    for (const resource of resources) {
        collect(resource.inputs, false);
        collect(resource.properties, false);
        open.add(resource.name);
    }
    // Generated secrets are long; a long value in the open too has leaked and stays redacted.
    return [...secret].filter((value) => !(open.has(value) && value.length < 16));
}

/** Values shorter than this are not secrets worth the name, and would blank out ordinary words. */
const SHORTEST_REDACTED = 4;

/** Replaces every secret value in a text by "[secret]". */
export function redactor(secrets: string[]): (text: string) => string {
    const redacted = secrets.filter((value) => value.length >= SHORTEST_REDACTED).sort((a, b) => b.length - a.length);
    if (redacted.length === 0) {
        return (text) => text;
    }
    const pattern = new RegExp(redacted.map((value) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");
    return (text) => text.replace(pattern, "[secret]");
}

async function withTimeout<T>(promise: Promise<T>, ms: number, label: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new InputError(label, `the program did not finish registering its resources within ${ms / 1000} s`)), ms);
    });
    try {
        return await Promise.race([promise, timeout]);
    } finally {
        clearTimeout(timer);
    }
}

function messageOf(error: unknown): string {
    if (error instanceof Error) {
        return error.message;
    }
    return String(error);
}

interface PropertiesError {
    message: string;
    errors: { propertyPath: string; reason: string }[];
}

function isPropertiesError(error: unknown): error is PropertiesError {
    return typeof error === "object" && error !== null && (error as Record<string, unknown>).__pulumiInputPropertiesError === true;
}

function programError(failures: unknown[], label: string, configSource: string, secrets: string[]): InputError {
    const error = describeFailure(failures, label, configSource);
    error.message = redactor(secrets)(error.message);
    return error;
}

function describeFailure(failures: unknown[], label: string, configSource: string): InputError {
    const invoke = failures.find((failure): failure is UnansweredInvokeError => failure instanceof UnansweredInvokeError || (failure as Error)?.name === "UnansweredInvokeError");
    if (invoke) {
        return new InputError(label, invoke.message, invoke);
    }
    const first = failures.find((failure) => failure instanceof InputError) ?? failures[0];
    if (first instanceof InputError) {
        return first;
    }
    // Every bad key at once, one line each: config keys ("project:key") belong to the stack file.
    if (isPropertiesError(first) && first.errors.length > 0) {
        const lines = first.errors.map(({ propertyPath, reason }) =>
            propertyPath.includes(":") ? `${configSource}: config.${propertyPath}: ${reason}` : `${label}: ${propertyPath}: ${reason}`,
        );
        const error = new InputError(label, first.message, first);
        error.message = lines.join("\n");
        return error;
    }
    // Pulumi wraps errors raised inside applies; the first line is the user's message.
    const message = messageOf(first).replace(/^Running program '[^']*' failed with an unhandled exception:\s*/, "");
    return new InputError(label, `the program failed: ${message}`, first);
}
