import { NO_LOGIN_SHELLS, usersOf } from "../../../lib/host-files";
import { automatedRule } from "../../../lib/rule";
import { eachPbxHost, serviceUser } from "../../pbx";

export default automatedRule<{ user: string }>({
    name: "app-user",
    items: ["WP-2.1.1.5"],
    description:
        "The PBX host's cloud-init creates the application user `user` (pbx) as a system account (users entry with system: true, or useradd -r) without sudo, password or login shell, and the PBX unit runs as it.",
    severity: "high",
    remediationSteps: "The kit creates `pbx` (system: true, shell /usr/sbin/nologin, lock_passwd: true). In your own program, add that users entry and User=pbx in pbx.service.",
    config: { user: { type: "string", default: "pbx", description: "The application user." } },
    validate: (context) => {
        eachPbxHost(context, (_host, config, source) => {
            const user = usersOf(config).find((entry) => entry.name === context.config.user);
            if (!user) {
                context.report(`does not create the ${context.config.user} user`, source);
            } else {
                const problems = [
                    ...(user.system ? [] : ["is not a system account"]),
                    ...(user.sudo ? ["has sudo"] : []),
                    ...(user.password ? ["has a password"] : []),
                    ...(user.shell === undefined || NO_LOGIN_SHELLS.includes(user.shell) ? [] : [`has login shell ${user.shell}`]),
                ];
                if (problems.length > 0) {
                    context.report(`creates ${user.name}, which ${problems.join(", ")}`, source);
                }
            }
            if (serviceUser(config) !== context.config.user) {
                context.report(`runs the PBX as ${serviceUser(config)}, not ${context.config.user}`, source);
            }
        });
    },
});
