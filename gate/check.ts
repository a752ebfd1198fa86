// `readiness check`: run the program under mocks while the packs start, then configure the packs
// with the stack's attestations, waivers and the user's policy config, analyze every resource
// and the stack, and evaluate the checklist.
import * as path from "path";
import { AnalyzeStackRequest } from "@pulumi/pulumi/proto/analyzer_pb";
import { AnalysisResult, AnalyzerInfo, PolicyPackProcess, StackContext, stackRequest } from "./analyzer";
import { InputError } from "./errors";
import { PackRun, Report, evaluate } from "./evaluate";
import { ConfigLayer, loadAttestations, loadConfigFile, loadWaivers, reconcile, stackLayers } from "./policy-config";
import { RecordedResource, isAnalyzed, runProgram } from "./program";
import { loadProject } from "./project";

export const KIT_ROOT = path.resolve(__dirname, "..");
export const KIT_PACKS = [path.join(KIT_ROOT, "policies", "warden-pbx"), path.join(KIT_ROOT, "policies", "voiceassist")];

export interface CheckOptions {
    program: string;
    stack: string;
    packs: string[];
    configFiles: string[];
    preview: boolean;
}

/** Where a stack's attestations and waivers live, relative to the program. */
export function stackFiles(programDir: string, stack: string): { attestations: string; waivers: string } {
    return { attestations: path.join(programDir, "attestations", `${stack}.yaml`), waivers: path.join(programDir, "waivers", `${stack}.yaml`) };
}

/** Starts every pack; if one fails, stops the others before reporting it. */
export async function startPacks(dirs: string[]): Promise<PolicyPackProcess[]> {
    const started = await Promise.allSettled(dirs.map((dir) => PolicyPackProcess.start(dir)));
    const packs = started.filter((result): result is PromiseFulfilledResult<PolicyPackProcess> => result.status === "fulfilled").map((result) => result.value);
    const failed = started.find((result): result is PromiseRejectedResult => result.status === "rejected");
    if (failed) {
        packs.forEach((pack) => pack.stop());
        throw failed.reason;
    }
    return packs;
}

/** Calls in flight per pack: enough to keep a pack busy while the next requests are built. */
const ANALYZE_CONCURRENCY = 16;

/**
 * As the engine does: Analyze for every resource the program registered (custom resources,
 * components, providers, the stack; not those read with `.get()`), then AnalyzeStack once over
 * all of them. A pack whose policies all declare themselves stack policies answers every
 * Analyze with nothing (the SDK skips them there), so it is spared the calls.
 */
async function analyzeAll(
    pack: PolicyPackProcess,
    info: AnalyzerInfo,
    resources: RecordedResource[],
    byUrn: Map<string, RecordedResource>,
    stack: () => AnalyzeStackRequest,
): Promise<AnalysisResult[]> {
    const onlyStackPolicies = info.policies.every((policy) => policy.type === "stack");
    const analyzed = onlyStackPolicies ? [] : resources.filter(isAnalyzed);
    const results: AnalysisResult[] = new Array(analyzed.length);
    let next = 0;
    const worker = async () => {
        while (next < analyzed.length) {
            const index = next++;
            results[index] = await pack.analyze(analyzed[index], byUrn);
        }
    };
    await Promise.all(Array.from({ length: Math.min(ANALYZE_CONCURRENCY, analyzed.length) }, worker));
    results.push(await pack.analyzeStack(stack()));
    return results;
}

/** Where the time of a check goes, in milliseconds. */
export interface CheckTimings {
    /** From the process's start (Node, the gate's modules, project and stack files) to the program's. */
    startupMs: number;
    /** The program under mocks, until every registration has settled. */
    programMs: number;
    /** Then until the checklist is evaluated: packs ready, configured, Analyze, AnalyzeStack. */
    policiesMs: number;
}

export async function runCheck(options: CheckOptions, timings?: CheckTimings): Promise<Report> {
    if (options.configFiles.length > options.packs.length) {
        throw new InputError("--policy-pack-config", `${options.configFiles.length} config files for ${options.packs.length} packs: each --policy-pack-config goes with the --policy-pack at the same position`);
    }
    const project = loadProject(options.program, options.stack);
    const files = stackFiles(options.program, options.stack);
    const attestations = loadAttestations(path.join(project.dir, "attestations", `${options.stack}.yaml`), files.attestations);
    const waivers = loadWaivers(path.join(project.dir, "waivers", `${options.stack}.yaml`), files.waivers);
    const userLayers = options.configFiles.map(loadConfigFile);

    // The packs start in their own processes and are configured (none of which needs the
    // program's resources) while the program runs here.
    const context: StackContext = {
        stack: project.stack,
        project: project.name,
        preview: options.preview,
        config: project.config,
        tags: { "pulumi:project": project.name, "pulumi:runtime": "nodejs", ...(project.description ? { "pulumi:description": project.description } : {}) },
    };
    const packsReady = startPacks(options.packs).then(async (packs) => {
        try {
            const infos: AnalyzerInfo[] = await Promise.all(packs.map((pack) => pack.info()));
            const stack = stackLayers(infos, attestations, waivers, files);
            const configs = infos.map((info, index) => reconcile(info, [stack.get(info.name), userLayers[index]].filter((layer): layer is ConfigLayer => layer !== undefined)));
            await Promise.all(packs.map((pack) => pack.configureStack(context)));
            await Promise.all(packs.map((pack, index) => pack.configure(configs[index])));
            return { packs, infos, configs };
        } catch (error) {
            packs.forEach((pack) => pack.stop());
            throw error;
        }
    });
    packsReady.catch(() => undefined);
    const programStart = performance.now();
    let run;
    try {
        run = await runProgram({
            dir: project.dir,
            main: project.main,
            project: project.name,
            stack: project.stack,
            config: project.config,
            preview: options.preview,
            label: path.relative(process.cwd(), project.main) || project.main,
            configSource: project.stackFile,
        });
    } catch (error) {
        // The program's error is the one to report; the packs just stop.
        await packsReady.then(({ packs }) => packs.forEach((pack) => pack.stop()), () => undefined);
        throw error;
    }
    const programEnd = performance.now();
    const { packs, infos, configs } = await packsReady;
    try {
        const byUrn = new Map(run.resources.map((resource) => [resource.urn, resource]));
        let request: AnalyzeStackRequest | undefined;
        const stackAnalysis = () => (request ??= stackRequest(run.resources, byUrn));
        const results = await Promise.all(packs.map((pack, index) => analyzeAll(pack, infos[index], run.resources, byUrn, stackAnalysis)));
        const packRuns: PackRun[] = infos.map((info, index) => ({ info, config: configs[index], results: results[index] }));
        const report = evaluate({
            stack: options.stack,
            program: options.program,
            preview: options.preview,
            resources: run.resources,
            packs: packRuns,
            attestations,
            waivers,
        });
        if (timings) {
            const end = performance.now();
            timings.startupMs = programStart;
            timings.programMs = programEnd - programStart;
            timings.policiesMs = end - programEnd;
        }
        return report;
    } finally {
        packs.forEach((pack) => pack.stop());
    }
}
