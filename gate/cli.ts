// The `readiness` command line. Exit codes: 0 no mandatory violation, 1 at least one, 2 bad
// input (one line naming the file and key on stderr; the stack trace only with --verbose).
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { diffReports, loadReport, renderDiffMarkdown } from "./diff";
import { CheckTimings, KIT_PACKS, runCheck, stackFiles, startPacks } from "./check";
import { EXIT_INPUT, EXIT_OK, EXIT_VIOLATIONS, InputError } from "./errors";
import { Report } from "./evaluate";
import { checkWritable, reserveStdout, writeFiles, writeOutput } from "./output";
import { loadAttestations, loadWaivers, reconcile, stackLayers } from "./policy-config";
import { loadProject } from "./project";
import { renderJson } from "./report/json";
import { renderMarkdown } from "./report/markdown";
import { renderText } from "./report/text";

const USAGE = `Usage:
  readiness check [--program DIR] [--stack NAME] [--policy-pack DIR]... [--policy-pack-config FILE]...
                  [--format text|markdown|json|junit|sarif|html] [--out FILE] [--preview] [--verbose] [--timings]
  readiness catalog [--format json|markdown] [--out FILE]
  readiness policy-config [--program DIR] [--stack NAME] [--policy-pack DIR]... [--out-dir DIR]
  readiness diff BASE.json HEAD.json [--format markdown|json] [--out FILE]

Defaults: program ".", stack "prod", both kit packs (policies/warden-pbx, policies/voiceassist).
Exit codes: 0 no mandatory violation, 1 at least one, 2 usage, config or program error.`;

type Renderer = (report: Report) => string;

const REPORT_FORMATS: Record<string, Renderer> = {
    text: renderText,
    markdown: renderMarkdown,
    json: renderJson,
};

/** Formats other modules add (JUnit, SARIF, HTML), looked up at run time to keep start-up small. */
function rendererFor(format: string): Renderer {
    const renderer = REPORT_FORMATS[format] ?? extraRenderer(format);
    if (!renderer) {
        throw new InputError("--format", `unknown format '${format}' (expected ${[...Object.keys(REPORT_FORMATS), ...EXTRA_FORMATS].join(", ")})`);
    }
    return renderer;
}

const EXTRA_FORMATS = ["junit", "sarif", "html"];

function extraRenderer(format: string): Renderer | undefined {
    if (!EXTRA_FORMATS.includes(format)) {
        return undefined;
    }
    const file = path.join(__dirname, "report", `${format}.ts`);
    if (!fs.existsSync(file)) {
        return undefined;
    }
    const module: Record<string, Renderer> = require(file);
    return Object.values(module).find((value) => typeof value === "function");
}

function parse(command: string, args: string[]) {
    try {
        return parseArgs({
            args,
            allowPositionals: command === "diff",
            strict: true,
            options: {
                program: { type: "string" },
                stack: { type: "string" },
                "policy-pack": { type: "string", multiple: true },
                "policy-pack-config": { type: "string", multiple: true },
                format: { type: "string" },
                out: { type: "string" },
                "out-dir": { type: "string" },
                preview: { type: "boolean" },
                verbose: { type: "boolean" },
                timings: { type: "boolean" },
                help: { type: "boolean", short: "h" },
            },
        });
    } catch (error) {
        // Node's first sentence says it all ("Unknown option '--x'", "Option '--stack <value>' argument missing").
        const message = (error as Error).message.split("\n")[0].replace(/\. .*$/, "");
        const flag = /'(-{1,2}[\w-]+)/.exec(message)?.[1] ?? "arguments";
        throw new InputError(flag, message);
    }
}

function onlyFlags(command: string, values: Record<string, unknown>, allowed: string[]): void {
    const extra = Object.keys(values).find((key) => !allowed.includes(key) && key !== "verbose" && key !== "help");
    if (extra) {
        throw new InputError(`--${extra}`, `not an option of 'readiness ${command}'`);
    }
}

async function check(values: ReturnType<typeof parse>["values"]): Promise<number> {
    onlyFlags("check", values, ["program", "stack", "policy-pack", "policy-pack-config", "format", "out", "preview", "timings"]);
    const render = rendererFor(values.format ?? "text");
    checkWritable(values.out);
    reserveStdout();
    const timings: CheckTimings = { startupMs: 0, programMs: 0, policiesMs: 0 };
    const report = await runCheck(
        {
            program: values.program ?? ".",
            stack: values.stack ?? "prod",
            packs: values["policy-pack"] ?? KIT_PACKS,
            configFiles: values["policy-pack-config"] ?? [],
            preview: values.preview ?? false,
        },
        timings,
    );
    const rendering = performance.now();
    await writeOutput(render(report), values.out);
    if (values.timings || values.verbose) {
        const policiesMs = timings.policiesMs + performance.now() - rendering;
        process.stderr.write(`readiness: ${report.resources} resources; start-up ${Math.round(timings.startupMs)} ms, program ${Math.round(timings.programMs)} ms, policies ${Math.round(policiesMs)} ms\n`);
    }
    return report.summary.mandatoryViolations > 0 ? EXIT_VIOLATIONS : EXIT_OK;
}

async function catalog(values: ReturnType<typeof parse>["values"]): Promise<number> {
    onlyFlags("catalog", values, ["format", "out"]);
    const format = values.format ?? "json";
    if (format !== "json" && format !== "markdown") {
        throw new InputError("--format", `unknown format '${format}' for catalog (expected json or markdown)`);
    }
    checkWritable(values.out);
    // The catalog loads every rule of both packs; `check` leaves that to the pack processes.
    const { buildCatalog, renderCatalogJson, renderCatalogMarkdown }: typeof import("./catalog") = require("./catalog");
    const entries = buildCatalog();
    await writeOutput(format === "json" ? renderCatalogJson(entries) : renderCatalogMarkdown(entries), values.out);
    return EXIT_OK;
}

async function policyConfig(values: ReturnType<typeof parse>["values"]): Promise<number> {
    onlyFlags("policy-config", values, ["program", "stack", "policy-pack", "out-dir"]);
    const program = values.program ?? ".";
    const stack = values.stack ?? "prod";
    const project = loadProject(program, stack);
    const files = stackFiles(program, stack);
    const attestations = loadAttestations(path.join(project.dir, "attestations", `${stack}.yaml`), files.attestations);
    const waivers = loadWaivers(path.join(project.dir, "waivers", `${stack}.yaml`), files.waivers);
    const packDirs = values["policy-pack"] ?? KIT_PACKS;
    const outDir = values["out-dir"] ?? path.join(program, ".readiness", stack);
    const packs = await startPacks(packDirs);
    try {
        const infos = await Promise.all(packs.map((pack) => pack.info()));
        const layers = stackLayers(infos, attestations, waivers, files);
        // Every pack's config is validated before any file is written: all of them or none.
        const outputs = infos.map((info) => {
            const layer = layers.get(info.name)!;
            reconcile(info, [layer]);
            return { file: path.join(outDir, `${info.name}.json`), text: `${JSON.stringify(layer.entries, null, 2)}\n` };
        });
        try {
            fs.mkdirSync(outDir, { recursive: true });
        } catch (error) {
            throw new InputError("--out-dir", `cannot create ${outDir} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
        }
        outputs.forEach(({ file }) => checkWritable(file, "--out-dir"));
        writeFiles(outputs);
        const written = outputs.map(({ file }) => file);
        const flags = packDirs.map((dir, index) => `--policy-pack ${path.relative(process.cwd(), dir) || "."} --policy-pack-config ${written[index]}`).join(" ");
        process.stdout.write(`${written.map((file) => `wrote ${file}`).join("\n")}\nRun: pulumi preview --stack ${stack} ${flags}\n`);
        return EXIT_OK;
    } finally {
        packs.forEach((pack) => pack.stop());
    }
}

async function diff(values: ReturnType<typeof parse>["values"], positionals: string[]): Promise<number> {
    onlyFlags("diff", values, ["format", "out"]);
    if (positionals.length !== 2) {
        throw new InputError("diff", `needs two reports, BASE.json and HEAD.json (got ${positionals.length})`);
    }
    const format = values.format ?? "markdown";
    if (format !== "markdown" && format !== "json") {
        throw new InputError("--format", `unknown format '${format}' for diff (expected markdown or json)`);
    }
    checkWritable(values.out);
    const [baseFile, headFile] = positionals;
    const changes = diffReports(loadReport(baseFile), loadReport(headFile), { base: baseFile, head: headFile });
    await writeOutput(format === "json" ? `${JSON.stringify(changes, null, 2)}\n` : renderDiffMarkdown(changes), values.out);
    return EXIT_OK;
}

export async function main(argv: string[]): Promise<number> {
    const [command, ...rest] = argv;
    const verbose = rest.includes("--verbose");
    try {
        if (!command || command === "--help" || command === "-h" || command === "help") {
            process.stdout.write(`${USAGE}\n`);
            return command ? EXIT_OK : EXIT_INPUT;
        }
        const commands: Record<string, (values: ReturnType<typeof parse>["values"], positionals: string[]) => Promise<number> | number> = {
            check,
            catalog,
            "policy-config": policyConfig,
            diff,
        };
        const run = commands[command];
        if (!run) {
            throw new InputError(command, `unknown command (expected ${Object.keys(commands).join(", ")}); see readiness --help`);
        }
        const { values, positionals } = parse(command, rest);
        if (values.help) {
            process.stdout.write(`${USAGE}\n`);
            return EXIT_OK;
        }
        return await run(values, positionals);
    } catch (error) {
        if (error instanceof InputError) {
            process.stderr.write(`readiness: ${error.message}\n`);
            if (verbose && error.detail instanceof Error) {
                process.stderr.write(`${error.detail.stack}\n`);
            }
        } else {
            process.stderr.write(`readiness: internal error: ${(error as Error).message?.split("\n")[0] ?? String(error)}\n`);
            if (verbose) {
                process.stderr.write(`${(error as Error).stack}\n`);
            }
        }
        return EXIT_INPUT;
    }
}
