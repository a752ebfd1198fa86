#!/usr/bin/env node
"use strict";
// `npm run bench`: how long `readiness check` takes and how much memory it needs, on the kit's
// production stack and on synthetic programs of 1,000 and 10,000 resources checked by a pack of
// a few realistic stack rules (bench/pack). Each run is a fresh `readiness` process, as a user
// or CI starts it; its phases come from `--timings`, its peak memory from the kernel's
// high-water mark (VmHWM) of the gate and of each pack process it starts.
//
// Targets (DESIGN.md / issue 2): prod under 5 s wall cold on 2 cores, peak memory under 1 GB at
// prod size, the policy phase linear (10x resources -> at most 12x time).
const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const BIN = path.join(ROOT, "bin", "readiness.js");
const PACK = path.join(__dirname, "pack");

/** A program of about `count` resources: keys, buckets with encryption, volumes with alarms. */
function syntheticProgram(count) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `readiness-bench-${count}-`));
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: bench-${count}\nruntime: nodejs\nmain: index.js\nconfig:\n  aws:region:\n    value: us-east-1\n`);
    fs.writeFileSync(path.join(dir, "Pulumi.bench.yaml"), `config:\n  bench-${count}:units: ${Math.floor((count - 3) / 5)}\n`);
    fs.writeFileSync(
        path.join(dir, "index.js"),
        `const pulumi = require("@pulumi/pulumi");
const kms = require("@pulumi/aws/kms");
const s3 = require("@pulumi/aws/s3");
const ebs = require("@pulumi/aws/ebs");
const sns = require("@pulumi/aws/sns");
const cloudwatch = require("@pulumi/aws/cloudwatch");

const units = new pulumi.Config().requireNumber("units");
const topic = new sns.Topic("alerts", {});
for (let i = 0; i < units; i++) {
    const tags = { "readiness:blueprint": "warden-pbx", Name: \`unit-\${i}\`, team: "voice" };
    const key = new kms.Key(\`key-\${i}\`, { enableKeyRotation: true, deletionWindowInDays: 30, tags }, { protect: true });
    const bucket = new s3.Bucket(\`bucket-\${i}\`, { tags }, { protect: true, retainOnDelete: true });
    new s3.BucketServerSideEncryptionConfiguration(\`bucket-\${i}\`, {
        bucket: bucket.id,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }],
    }, { parent: bucket });
    const volume = new ebs.Volume(\`volume-\${i}\`, { availabilityZone: "us-east-1a", size: 100, type: "gp3", encrypted: true, kmsKeyId: key.arn, tags }, { protect: true });
    new cloudwatch.MetricAlarm(\`volume-\${i}-idle\`, {
        namespace: "AWS/EBS", metricName: "VolumeIdleTime", statistic: "Average", period: 300, evaluationPeriods: 3,
        threshold: 290, comparisonOperator: "GreaterThanThreshold", dimensions: { VolumeId: volume.id }, alarmActions: [topic.arn], tags,
    });
}
`,
    );
    return dir;
}

/** Peak resident memory (kB) of a process, from /proc; undefined once it is gone. */
function highWaterMark(pid) {
    try {
        const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
        return match ? Number(match[1]) : undefined;
    } catch {
        return undefined;
    }
}

function childrenOf(pid) {
    try {
        return fs
            .readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
            .trim()
            .split(/\s+/)
            .filter(Boolean)
            .map(Number);
    } catch {
        return [];
    }
}

/** Runs `readiness check` once; resolves with its phases, wall time and peak memory. */
function measure(label, args, cwd) {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "readiness-bench-out-")), "report.json");
    return new Promise((resolve, reject) => {
        const started = process.hrtime.bigint();
        const gate = spawn(process.execPath, [BIN, "check", ...args, "--format", "json", "--out", out, "--timings"], { cwd, stdio: ["ignore", "ignore", "pipe"] });
        const peaks = new Map();
        const sample = () => {
            for (const pid of [gate.pid, ...childrenOf(gate.pid)]) {
                const kb = highWaterMark(pid);
                if (kb !== undefined) {
                    peaks.set(pid, Math.max(peaks.get(pid) ?? 0, kb));
                }
            }
        };
        const sampler = setInterval(sample, 20);
        let stderr = "";
        gate.stderr.on("data", (chunk) => (stderr += chunk));
        gate.on("exit", (code) => {
            clearInterval(sampler);
            const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
            const timings = /readiness: (\d+) resources; start-up (\d+) ms, program (\d+) ms, policies (\d+) ms/.exec(stderr);
            if (code === 2 || !timings) {
                reject(new Error(`${label}: readiness exited ${code}: ${stderr.split("\n").slice(-5).join("\n")}`));
                return;
            }
            const report = JSON.parse(fs.readFileSync(out, "utf8"));
            const policies = report.items.reduce((total, item) => total + (item.policies ?? []).length, 0) + (report.otherPolicies ?? []).length;
            const gateKb = peaks.get(gate.pid) ?? 0;
            const packsKb = [...peaks.entries()].filter(([pid]) => pid !== gate.pid).map(([, kb]) => kb);
            resolve({
                label,
                resources: Number(timings[1]),
                policies,
                packs: report.packs.length,
                wallMs,
                startupMs: Number(timings[2]),
                programMs: Number(timings[3]),
                policiesMs: Number(timings[4]),
                gateMb: gateKb / 1024,
                packsMb: packsKb.reduce((total, kb) => total + kb, 0) / 1024,
                largestPackMb: Math.max(0, ...packsKb) / 1024,
                exitCode: code,
            });
        });
    });
}

const pad = (value, width) => String(value).padStart(width);
const ms = (value) => `${(value / 1000).toFixed(2)} s`;

function print(result) {
    console.log(
        `${result.label.padEnd(28)}${pad(result.resources, 7)}${pad(result.policies, 9)}${pad(ms(result.wallMs), 9)}${pad(ms(result.startupMs), 10)}${pad(ms(result.programMs), 9)}${pad(ms(result.policiesMs), 10)}` +
            `${pad(`${Math.round(result.gateMb)} MB`, 9)}${pad(`${Math.round(result.packsMb)} MB`, 9)}${pad(`${Math.round(result.gateMb + result.packsMb)} MB`, 9)}`,
    );
}

async function main() {
    const sizes = process.argv.slice(2).map(Number).filter((value) => value > 0);
    const synthetic = sizes.length > 0 ? sizes : [1000, 10000];
    console.log(`readiness check benchmark: ${os.cpus().length} CPUs, Node ${process.version}`);
    console.log(`${"".padEnd(28)}${pad("res.", 7)}${pad("policies", 9)}${pad("wall", 9)}${pad("start-up", 10)}${pad("program", 9)}${pad("policies", 10)}${pad("gate", 9)}${pad("packs", 9)}${pad("peak", 9)}`);
    const results = [];
    // The production stack, both kit packs: the first run is cold, the next two show the spread.
    for (let run = 1; run <= 3; run++) {
        const result = await measure(`prod, kit packs (run ${run})`, ["--stack", "prod"], ROOT);
        results.push(result);
        print(result);
    }
    for (const size of synthetic) {
        const dir = syntheticProgram(size);
        const result = await measure(`synthetic ${size}, bench pack`, ["--program", dir, "--stack", "bench", "--policy-pack", PACK], ROOT);
        results.push(result);
        print(result);
        if (size === synthetic[0]) {
            // Until the blueprints exist, this shows what every kit policy costs on a program of that size.
            print(await measure(`synthetic ${size}, kit packs`, ["--program", dir, "--stack", "bench"], ROOT));
        }
        fs.rmSync(dir, { recursive: true, force: true });
    }
    const prod = results[0];
    console.log("");
    console.log(`prod cold wall ${ms(prod.wallMs)} (target < 5 s): ${prod.wallMs < 5000 ? "met" : "NOT MET"}; peak memory ${Math.round(prod.gateMb + prod.packsMb)} MB (target < 1024 MB): ${prod.gateMb + prod.packsMb < 1024 ? "met" : "NOT MET"}`);
    const [small, large] = results.filter((result) => result.label.startsWith("synthetic"));
    if (small && large) {
        const sizeRatio = large.resources / small.resources;
        const timeRatio = large.policiesMs / small.policiesMs;
        console.log(`policy phase: ${sizeRatio.toFixed(1)}x resources -> ${timeRatio.toFixed(1)}x time (target at most ${(sizeRatio * 1.2).toFixed(1)}x): ${timeRatio <= sizeRatio * 1.2 ? "linear" : "NOT LINEAR"}`);
    }
}

if (require.main === module) {
    main().catch((error) => {
        console.error(error.message);
        process.exit(1);
    });
}

module.exports = { syntheticProgram, measure };
