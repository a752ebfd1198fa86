import { simpleCommands } from "../../../lib/systemd";
import { automatedRule } from "../../../lib/rule";
import { eachPbxHost } from "../../pbx";

export default automatedRule<{ script: string; sampleRate: number }>({
    name: "prompt-sample-rate",
    items: ["WP-2.1.3.2"],
    description:
        "The prompt generator the PBX host runs at boot produces sampleRate (8000 Hz, for PCMU): the script's default is 8000, so the command must not pass another --sample-rate.",
    severity: "medium",
    remediationSteps: "Run the generator with `--sample-rate 8000` (or no --sample-rate).",
    config: {
        script: { type: "string", default: "generate_tts_prompts.py", description: "The prompt generation script." },
        sampleRate: { type: "integer", default: 8000, description: "Sample rate the prompts need." },
    },
    validate: (context) => {
        eachPbxHost(context, (_host, config, source) => {
            const runs = simpleCommands(config).filter((command) => command.includes(context.config.script));
            if (runs.length === 0) {
                context.report(`never runs ${context.config.script}, so the prompts' sample rate is whatever was committed`, source);
            }
            for (const command of runs) {
                const rate = /--sample-rate[=\s]+(\d+)/.exec(command)?.[1];
                if (rate !== undefined && Number(rate) !== context.config.sampleRate) {
                    context.report(`generates prompts at ${rate} Hz; PCMU needs ${context.config.sampleRate} Hz`, source);
                }
            }
        });
    },
});
