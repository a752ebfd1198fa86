import { simpleCommands } from "../../../lib/systemd";
import { automatedRule } from "../../../lib/rule";
import { eachPbxHost, pbxDirectory } from "../../pbx";

export default automatedRule<{ refPattern: string }>({
    name: "stable-release",
    items: ["WP-2.1.1.1"],
    description:
        "Reads the PBX host's boot commands: the repository is cloned into the app directory (the unit's WorkingDirectory) with `git clone --branch <ref>` (or checked out at <ref> afterwards), where <ref> matches refPattern (a release tag such as v1.2.0, or a stable/release branch). A clone of the default branch fails.",
    severity: "high",
    remediationSteps:
        "In the kit, set `readiness-kit:wardenReleaseTag` to a release tag. In your own program, clone with `git clone --branch v<x.y.z> --depth 1 <repo> /opt/pbx`.",
    config: { refPattern: { type: "string", default: "^(v?\\d+\\.\\d+\\.\\d+|stable|release[-/].+)$", description: "Refs that count as stable (regular expression)." } },
    validate: (context) => {
        const stable = new RegExp(context.config.refPattern);
        eachPbxHost(context, (_host, config, source) => {
            const directory = pbxDirectory(config);
            const commands = simpleCommands(config);
            const clones = commands.filter((command) => /^git\s+clone\b/.test(command) && (directory === undefined || command.split(/\s+/).some((word) => word.replace(/\/+$/, "") === directory)));
            if (clones.length === 0) {
                context.report(`never clones the PBX repository${directory ? ` into ${directory}` : ""}`, source);
                return;
            }
            for (const clone of clones) {
                const words = clone.split(/\s+/);
                const index = words.findIndex((word) => word === "--branch" || word === "-b");
                const ref = index >= 0 ? words[index + 1] : undefined;
                const checkout = commands.map((command) => /^git\s+(?:-C\s+\S+\s+)?checkout\s+(?:--detach\s+)?(\S+)$/.exec(command)?.[1]).find((value) => value !== undefined);
                const effective = checkout ?? ref;
                if (!effective) {
                    context.report(`clones the default branch (${clone}); clone a release tag with --branch`, source);
                } else if (!stable.test(effective)) {
                    context.report(`deploys ${effective}, which is not a release tag or stable branch (${context.config.refPattern})`, source);
                }
            }
        });
    },
});
