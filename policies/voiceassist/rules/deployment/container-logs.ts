import { filesOf } from "../../../lib/cloud-init";
import { automatedRule } from "../../../lib/rule";
import { eachAppHost } from "../../voiceassist";

export default automatedRule<{ driver: string; maxSize: string; maxFile: string }>({
    name: "container-logs",
    items: ["VA-10.1.6"],
    description:
        "Each VoiceAssist server's Docker daemon rotates container logs: /etc/docker/daemon.json (written by cloud-init) sets log-driver `driver` (json-file) with log-opts max-size `maxSize` (10m) and max-file `maxFile` (3).",
    severity: "medium",
    remediationSteps: "The kit writes /etc/docker/daemon.json {\"log-driver\": \"json-file\", \"log-opts\": {\"max-size\": \"10m\", \"max-file\": \"3\"}}. In your own program, add that file to the server's write_files.",
    config: {
        driver: { type: "string", default: "json-file", description: "Docker log driver." },
        maxSize: { type: "string", default: "10m", description: "Largest log file." },
        maxFile: { type: "string", default: "3", description: "Log files kept per container." },
    },
    validate: (context) => {
        eachAppHost(context, (_host, config, source) => {
            const file = filesOf(config).get("/etc/docker/daemon.json");
            if (!file) {
                context.report("writes no /etc/docker/daemon.json, so container logs grow without rotation", source);
                return;
            }
            let daemon: Record<string, unknown>;
            try {
                daemon = JSON.parse(file.content) as Record<string, unknown>;
            } catch {
                context.report("writes an /etc/docker/daemon.json that is not valid JSON, so Docker does not start", source);
                return;
            }
            const options = (daemon["log-opts"] ?? {}) as Record<string, unknown>;
            const wanted: [string, unknown, string][] = [
                ["log-driver", daemon["log-driver"], context.config.driver],
                ["max-size", options["max-size"], context.config.maxSize],
                ["max-file", options["max-file"], context.config.maxFile],
            ];
            for (const [name, actual, expected] of wanted.filter(([, actual, expected]) => String(actual ?? "") !== expected)) {
                context.report(`sets Docker ${name} to ${actual === undefined ? "nothing" : String(actual)}; ${expected} is required`, source);
            }
        });
    },
});
