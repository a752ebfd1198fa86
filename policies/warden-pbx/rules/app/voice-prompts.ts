import { simpleCommands } from "../../../lib/systemd";
import { automatedRule } from "../../../lib/rule";
import { eachPbxHost } from "../../pbx";

export default automatedRule<{ script: string }>({
    name: "voice-prompts",
    items: ["WP-2.1.3.1"],
    description: "The PBX host's boot commands run the prompt generator (`script`, scripts/generate_tts_prompts.py by default) without --aa-only/--vm-only, so every auto-attendant and voicemail prompt is generated.",
    severity: "medium",
    remediationSteps: "The kit runs `/opt/pbx/venv/bin/python scripts/generate_tts_prompts.py --sample-rate 8000` at first boot. In your own program, add that command to runcmd after installing the app.",
    config: { script: { type: "string", default: "generate_tts_prompts.py", description: "The prompt generation script." } },
    validate: (context) => {
        eachPbxHost(context, (_host, config, source) => {
            const runs = simpleCommands(config).filter((command) => command.includes(context.config.script));
            if (runs.length === 0) {
                context.report(`never runs ${context.config.script}, so voice prompts are not generated`, source);
            } else if (runs.every((command) => /--(aa|vm)-only\b/.test(command))) {
                context.report(`generates only part of the prompts (${runs.join("; ")})`, source);
            }
        });
    },
});
