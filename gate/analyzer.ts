// Runs a CrossGuard policy pack as the Pulumi CLI does: spawn it, read the port it prints, and
// speak the analyzer gRPC protocol (GetAnalyzerInfo, Configure, Analyze per resource,
// AnalyzeStack). The pack's own @pulumi/policy does all argument building, unknown-value
// handling and enforcement; this file only moves protobuf messages.
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import * as analyzerrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { InputError } from "./errors";
import { RecordedResource } from "./program";
import { isRecord, readYamlFile } from "./yaml-file";

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";
export type Severity = "low" | "medium" | "high" | "critical";

export interface PolicyInfo {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    severity?: Severity;
    type: "resource" | "stack" | "unknown";
    framework?: { name: string; version: string; reference: string; specification: string };
    remediationSteps?: string;
    tags: string[];
    url?: string;
    configSchema?: { properties: Record<string, unknown>; required: string[] };
}

export interface AnalyzerInfo {
    name: string;
    version: string;
    policies: PolicyInfo[];
}

export interface Diagnostic {
    policyName: string;
    policyPackName: string;
    message: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    severity?: Severity;
    urn?: string;
}

export interface NotApplicable {
    policyName: string;
    reason: string;
    /** The resource analyzed, for resource policies. */
    urn?: string;
}

export interface AnalysisResult {
    diagnostics: Diagnostic[];
    notApplicable: NotApplicable[];
}

export interface PolicyConfig {
    enforcementLevel: EnforcementLevel;
    properties: Record<string, unknown>;
}

const LEVELS: Record<number, EnforcementLevel> = {
    [analyzerproto.EnforcementLevel.ADVISORY]: "advisory",
    [analyzerproto.EnforcementLevel.MANDATORY]: "mandatory",
    [analyzerproto.EnforcementLevel.REMEDIATE]: "remediate",
    [analyzerproto.EnforcementLevel.DISABLED]: "disabled",
};
const SEVERITIES: Record<number, Severity | undefined> = {
    [analyzerproto.PolicySeverity.POLICY_SEVERITY_UNSPECIFIED]: undefined,
    [analyzerproto.PolicySeverity.POLICY_SEVERITY_LOW]: "low",
    [analyzerproto.PolicySeverity.POLICY_SEVERITY_MEDIUM]: "medium",
    [analyzerproto.PolicySeverity.POLICY_SEVERITY_HIGH]: "high",
    [analyzerproto.PolicySeverity.POLICY_SEVERITY_CRITICAL]: "critical",
};

function levelCode(level: EnforcementLevel): analyzerproto.EnforcementLevel {
    return Number(Object.entries(LEVELS).find(([, name]) => name === level)?.[0]) as analyzerproto.EnforcementLevel;
}

/** Checks a pack directory before spawning it, so that a bad path is one clear line. */
export function checkPackDirectory(dir: string): void {
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
        throw new InputError("--policy-pack", `${dir} is not a directory`);
    }
    const manifest = path.join(dir, "PulumiPolicy.yaml");
    if (!fs.existsSync(manifest)) {
        throw new InputError(manifest, "file not found: a policy pack directory holds PulumiPolicy.yaml");
    }
    const policyManifest = readYamlFile(manifest);
    const runtime = isRecord(policyManifest) ? (isRecord(policyManifest.runtime) ? policyManifest.runtime.name : policyManifest.runtime) : undefined;
    if (runtime !== "nodejs") {
        throw new InputError(manifest, `runtime: ${runtime === undefined ? "required" : `'${String(runtime)}' is not supported; the gate runs nodejs packs`}`);
    }
    const packageFile = path.join(dir, "package.json");
    let packageJson: unknown;
    try {
        packageJson = JSON.parse(fs.readFileSync(packageFile, "utf8"));
    } catch (error) {
        throw new InputError(packageFile, (error as NodeJS.ErrnoException).code === "ENOENT" ? "file not found: a policy pack needs a package.json with a version" : `invalid JSON (${(error as Error).message})`);
    }
    if (!isRecord(packageJson) || typeof packageJson.version !== "string" || packageJson.version === "") {
        throw new InputError(packageFile, "version: required (the PolicyPack reads its version from package.json)");
    }
}

function struct(value: Record<string, unknown>): Struct {
    return Struct.fromJavaScript(value as Parameters<typeof Struct.fromJavaScript>[0]);
}

function resourceOptions(resource: RecordedResource): analyzerproto.AnalyzerResourceOptions {
    const options = new analyzerproto.AnalyzerResourceOptions();
    options.setProtect(resource.options.protect);
    options.setIgnorechangesList(resource.options.ignoreChanges);
    if (resource.options.deleteBeforeReplace !== undefined) {
        options.setDeletebeforereplace(resource.options.deleteBeforeReplace);
        options.setDeletebeforereplacedefined(true);
    }
    options.setAdditionalsecretoutputsList(resource.options.additionalSecretOutputs);
    options.setAliasesList(resource.options.aliases);
    const timeouts = new analyzerproto.AnalyzerResourceOptions.CustomTimeouts();
    const seconds = (duration: string) => parseDuration(duration);
    timeouts.setCreate(seconds(resource.options.customTimeouts.create));
    timeouts.setUpdate(seconds(resource.options.customTimeouts.update));
    timeouts.setDelete(seconds(resource.options.customTimeouts.delete));
    options.setCustomtimeouts(timeouts);
    if (resource.parent) {
        options.setParent(resource.parent);
    }
    return options;
}

/** "10m", "1h30m", "45s" as seconds; empty as 0. */
export function parseDuration(duration: string): number {
    let total = 0;
    for (const [, amount, unit] of duration.matchAll(/(\d+(?:\.\d+)?)(h|m|s)/g)) {
        total += Number(amount) * (unit === "h" ? 3600 : unit === "m" ? 60 : 1);
    }
    return total;
}

function providerOf(resource: RecordedResource, byUrn: Map<string, RecordedResource>): analyzerproto.AnalyzerProviderResource | undefined {
    if (!resource.provider) {
        return undefined;
    }
    const urn = resource.provider.split("::").slice(0, -1).join("::");
    const provider = byUrn.get(urn);
    if (!provider) {
        return undefined;
    }
    const message = new analyzerproto.AnalyzerProviderResource();
    message.setType(provider.type);
    message.setName(provider.name);
    message.setUrn(provider.urn);
    message.setProperties(struct(provider.properties));
    return message;
}

function convertDiagnostic(diagnostic: analyzerproto.AnalyzeDiagnostic): Diagnostic {
    return {
        policyName: diagnostic.getPolicyname(),
        policyPackName: diagnostic.getPolicypackname(),
        message: diagnostic.getMessage(),
        description: diagnostic.getDescription(),
        enforcementLevel: LEVELS[diagnostic.getEnforcementlevel()] ?? "advisory",
        severity: SEVERITIES[diagnostic.getSeverity()],
        urn: diagnostic.getUrn() || undefined,
    };
}

/** The AnalyzeStack request the CLI sends: every resource with parent, dependencies and options. */
export function stackRequest(resources: RecordedResource[], byUrn: Map<string, RecordedResource>): analyzerproto.AnalyzeStackRequest {
    const request = new analyzerproto.AnalyzeStackRequest();
    request.setResourcesList(
        resources.map((resource) => {
            const message = new analyzerproto.AnalyzerResource();
            message.setType(resource.type);
            message.setName(resource.name);
            message.setUrn(resource.urn);
            message.setProperties(struct(resource.properties));
            message.setOptions(resourceOptions(resource));
            const provider = providerOf(resource, byUrn);
            if (provider) {
                message.setProvider(provider);
            }
            if (resource.parent) {
                message.setParent(resource.parent);
            }
            message.setDependenciesList(resource.dependencies);
            const dependencies = message.getPropertydependenciesMap();
            for (const [key, urns] of Object.entries(resource.propertyDependencies)) {
                const entry = new analyzerproto.AnalyzerPropertyDependencies();
                entry.setUrnsList(urns);
                dependencies.set(key, entry);
            }
            return message;
        }),
    );
    return request;
}

/** `urn`: the resource analyzed, which the engine attaches to its policies' diagnostics. */
export function convertResponse(response: analyzerproto.AnalyzeResponse, urn?: string): AnalysisResult {
    return {
        diagnostics: response.getDiagnosticsList().map((diagnostic) => {
            const converted = convertDiagnostic(diagnostic);
            return urn && !converted.urn ? { ...converted, urn } : converted;
        }),
        notApplicable: response.getNotApplicableList().map((entry) => ({ policyName: entry.getPolicyName(), reason: entry.getReason(), urn })),
    };
}

function convertPolicy(info: analyzerproto.PolicyInfo): PolicyInfo {
    const framework = info.getFramework();
    const schema = info.getConfigschema();
    const type = info.getPolicyType();
    return {
        name: info.getName(),
        description: info.getDescription(),
        enforcementLevel: LEVELS[info.getEnforcementlevel()] ?? "advisory",
        severity: SEVERITIES[info.getSeverity()],
        type: type === analyzerproto.PolicyType.POLICY_TYPE_RESOURCE ? "resource" : type === analyzerproto.PolicyType.POLICY_TYPE_STACK ? "stack" : "unknown",
        framework: framework
            ? { name: framework.getName(), version: framework.getVersion(), reference: framework.getReference(), specification: framework.getSpecification() }
            : undefined,
        remediationSteps: info.getRemediationSteps() || undefined,
        tags: info.getTagsList(),
        url: info.getUrl() || undefined,
        configSchema: schema ? { properties: schema.getProperties()?.toJavaScript() ?? {}, required: schema.getRequiredList() } : undefined,
    };
}

type Unary<Req, Res> = (request: Req, callback: (error: grpc.ServiceError | null, response: Res) => void) => void;

/** What a stack analysis needs to know about the stack, as the CLI's ConfigureStack says it. */
export interface StackContext {
    stack: string;
    project: string;
    preview: boolean;
    config: Record<string, string>;
    tags: Record<string, string>;
}

/** The last bytes a stream produced: enough to explain a crash without holding a chatty pack's log. */
function tail(limit: number): { add(chunk: Buffer): void; text(): string } {
    let text = "";
    return {
        add(chunk) {
            text = (text + chunk.toString()).slice(-limit);
        },
        text: () => text,
    };
}

export class PolicyPackProcess {
    private constructor(
        readonly dir: string,
        private readonly child: ChildProcess,
        private readonly client: analyzerrpc.AnalyzerClient,
        private readonly stderr: () => string,
    ) {}

    /** Spawns the pack and connects to the port it prints. */
    static async start(dir: string, timeoutMs = 60_000): Promise<PolicyPackProcess> {
        checkPackDirectory(dir);
        const host = path.join(__dirname, "pack-host.js");
        // The pack host exits when its stdin closes, so that a gate that dies, however abruptly,
        // leaves no pack process behind.
        const child = spawn(process.execPath, [host, path.resolve(dir)], { cwd: dir, stdio: ["pipe", "pipe", "pipe"] });
        const stderr = tail(64 * 1024);
        child.stderr?.on("data", (chunk: Buffer) => stderr.add(chunk));
        child.stdin?.on("error", () => undefined);
        let stdout = "";
        const onStdout = (chunk: Buffer) => {
            stdout = (stdout + chunk.toString()).slice(-64 * 1024);
        };
        child.stdout?.on("data", onStdout);
        try {
            const port = await new Promise<number>((resolve, reject) => {
                const timer = setTimeout(() => reject(new InputError(dir, `the policy pack did not start within ${timeoutMs / 1000} s`)), timeoutMs);
                child.stdout?.on("data", () => {
                    const line = stdout.split("\n")[0];
                    if (stdout.includes("\n") && /^\d+$/.test(line.trim())) {
                        clearTimeout(timer);
                        resolve(Number(line.trim()));
                    }
                });
                child.on("error", (error) => {
                    clearTimeout(timer);
                    reject(new InputError(dir, `the policy pack failed to start: ${error.message}`, error));
                });
                child.on("exit", (code) => {
                    clearTimeout(timer);
                    const reason = errorLine(stderr.text()) || errorLine(stdout) || `exit code ${code}`;
                    reject(new InputError(dir, `the policy pack failed to start: ${reason}`));
                });
            });
            child.removeAllListeners("exit");
            // What the pack prints once serving is of no use to the report: drain it.
            child.stdout?.removeAllListeners("data");
            child.stdout?.resume();
            const client = new analyzerrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
                "grpc.max_receive_message_length": 400 * 1024 * 1024,
                "grpc.max_send_message_length": 400 * 1024 * 1024,
            });
            return new PolicyPackProcess(dir, child, client, () => stderr.text());
        } catch (error) {
            stopChild(child);
            throw error;
        }
    }

    private call<Req, Res>(method: Unary<Req, Res>, request: Req, what: string): Promise<Res> {
        return new Promise((resolve, reject) => {
            method.call(this.client, request, async (error, response) => {
                if (error) {
                    // A pack that died says why on stderr (its exit may reach us just after the
                    // dropped call); a rule that threw says it in the status.
                    const died = error.code !== grpc.status.UNKNOWN && (await exitOf(this.child, 1000));
                    const details = (died && errorLine(this.stderr())) || error.details || error.message;
                    reject(new InputError(this.dir, `${what} failed: ${firstSentence(details)}`, error));
                } else {
                    resolve(response);
                }
            });
        });
    }

    async info(): Promise<AnalyzerInfo> {
        const info = await this.call<Empty, analyzerproto.AnalyzerInfo>(this.client.getAnalyzerInfo, new Empty(), "GetAnalyzerInfo");
        return { name: info.getName(), version: info.getVersion(), policies: info.getPoliciesList().map(convertPolicy) };
    }

    /** The CLI tells a pack which stack it analyzes before any analysis; packs older than the call ignore it. */
    async configureStack(context: StackContext): Promise<void> {
        const request = new analyzerproto.AnalyzerStackConfigureRequest();
        request.setStack(context.stack);
        request.setProject(context.project);
        request.setDryRun(context.preview);
        const config = request.getConfigMap();
        Object.entries(context.config).forEach(([key, value]) => config.set(key, value));
        const tags = request.getTagsMap();
        Object.entries(context.tags).forEach(([key, value]) => tags.set(key, value));
        try {
            await this.call(this.client.configureStack, request, "ConfigureStack");
        } catch (error) {
            if ((error as InputError).detail && ((error as InputError).detail as grpc.ServiceError).code === grpc.status.UNIMPLEMENTED) {
                return;
            }
            throw error;
        }
    }

    async configure(config: Record<string, PolicyConfig>): Promise<void> {
        const request = new analyzerproto.ConfigureAnalyzerRequest();
        const map = request.getPolicyconfigMap();
        for (const [name, entry] of Object.entries(config)) {
            const policyConfig = new analyzerproto.PolicyConfig();
            policyConfig.setEnforcementlevel(levelCode(entry.enforcementLevel));
            policyConfig.setProperties(struct(entry.properties));
            map.set(name, policyConfig);
        }
        await this.call(this.client.configure, request, "Configure");
    }

    async analyze(resource: RecordedResource, byUrn: Map<string, RecordedResource>): Promise<AnalysisResult> {
        const request = new analyzerproto.AnalyzeRequest();
        request.setType(resource.type);
        request.setName(resource.name);
        request.setUrn(resource.urn);
        // As in the engine, a resource is analyzed on its inputs, before any provider computes outputs.
        request.setProperties(struct(resource.inputs));
        request.setOptions(resourceOptions(resource));
        const provider = providerOf(resource, byUrn);
        if (provider) {
            request.setProvider(provider);
        }
        const response = await this.call<analyzerproto.AnalyzeRequest, analyzerproto.AnalyzeResponse>(this.client.analyze, request, `Analyze ${resource.urn}`);
        return convertResponse(response, resource.urn);
    }

    /** `request`: from stackRequest, built once for every pack. */
    async analyzeStack(request: analyzerproto.AnalyzeStackRequest): Promise<AnalysisResult> {
        const response = await this.call<analyzerproto.AnalyzeStackRequest, analyzerproto.AnalyzeResponse>(this.client.analyzeStack, request, "AnalyzeStack");
        return convertResponse(response);
    }

    stop(): void {
        this.client.close();
        stopChild(this.child);
    }
}

/** "Error validating resource with policy 'x' ...:\nTypeError: ...\n    at ..." -> its first two lines as one. */
function firstSentence(details: string): string {
    const [first = "", second] = details.split("\n").map((line) => line.trim()).filter((line) => line !== "");
    return first.endsWith(":") && second ? `${first} ${second}` : first;
}

/** Resolves true once the process has exited, false if it is still running after `ms`. */
function exitOf(child: ChildProcess, ms: number): Promise<boolean> {
    if (child.exitCode !== null || child.signalCode !== null) {
        return Promise.resolve(true);
    }
    return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), ms);
        child.once("exit", () => {
            clearTimeout(timer);
            resolve(true);
        });
    });
}

function stopChild(child: ChildProcess): void {
    child.stdin?.destroy();
    if (child.exitCode === null && child.signalCode === null) {
        child.kill();
    }
}

/** The line of a crash report that says what went wrong. */
function errorLine(text: string): string {
    const lines = text
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line.length > 0 && !line.startsWith("at ") && !/^Node\.js v\d/.test(line));
    return lines.find((line) => /^[A-Za-z]*Error\b.*:/.test(line)) ?? lines[lines.length - 1] ?? "";
}
