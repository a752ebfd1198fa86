// The pack starts under the Pulumi CLI's own launcher (run-policy-pack type-checks it with
// ts-node) and serves every policy of the registry over the analyzer protocol.
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import * as analyzerrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { wardenRegistry } from "../../../policies/warden-pbx/registry";
import { ROOT } from "../../helpers/cli";

const LAUNCHER = path.join(ROOT, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack", "index.js");

function start(cwd: string, pack: string): Promise<{ child: ChildProcess; port: number }> {
    const child = spawn(process.execPath, [LAUNCHER, "127.0.0.1:1", pack], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    return new Promise((resolve, reject) => {
        child.stdout!.on("data", (chunk: Buffer) => {
            stdout += chunk.toString();
            const line = stdout.split("\n")[0].trim();
            if (stdout.includes("\n") && /^\d+$/.test(line)) {
                resolve({ child, port: Number(line) });
            }
        });
        child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        child.on("exit", (code) => reject(new Error(`the launcher exited with ${code}: ${stderr}`)));
    });
}

async function policyNames(port: number): Promise<{ name: string; policies: string[] }> {
    const client = new analyzerrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    try {
        const info = await new Promise<analyzerproto.AnalyzerInfo>((resolve, reject) => client.getAnalyzerInfo(new Empty(), (error, response) => (error ? reject(error) : resolve(response))));
        return { name: info.getName(), policies: info.getPoliciesList().map((policy) => policy.getName()) };
    } finally {
        client.close();
    }
}

describe("the pack under the Pulumi CLI's launcher", () => {
    for (const [where, cwd, pack] of [
        ["the repository root", ROOT, "policies/warden-pbx"],
        ["the pack's own directory", path.join(ROOT, "policies", "warden-pbx"), "."],
    ] as const) {
        it(`type-checks, prints its port and serves every policy when started from ${where}`, async () => {
            const { child, port } = await start(cwd, pack);
            try {
                const info = await policyNames(port);
                expect(info.name).toBe("warden-pbx-readiness");
                expect(info.policies.sort()).toEqual(wardenRegistry().policies().map((policy) => policy.name).sort());
            } finally {
                child.removeAllListeners("exit");
                child.kill();
            }
        });
    }
});
