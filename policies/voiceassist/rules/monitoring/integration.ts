// Alertmanager integration boxes of 8.5: a receiver of a kind, with what it needs to deliver.
import { AutomatedRule, automatedRule } from "../../../lib/rule";
import { requireAlertmanager } from "./stack";

export function integrationRule(options: {
    name: string;
    item: string;
    integration: string;
    what: string;
    /** Why an integration entry cannot deliver, given the config's global section. */
    check: (entry: Record<string, unknown>, global: Record<string, unknown>) => string | undefined;
    description: string;
    remediation: string;
}): AutomatedRule {
    return automatedRule({
        name: options.name,
        items: [options.item],
        description: `Alertmanager notifies ${options.what}: a receiver of its configuration has ${options.integration}_configs, ${options.description}, and the routing tree sends alerts to that receiver (it is the default receiver or some route names it).`,
        severity: "high",
        remediationSteps: options.remediation,
        validate: (context) => {
            for (const config of requireAlertmanager(context)) {
                const receivers = config.receivers.filter((receiver) => receiver.integrations.includes(options.integration));
                if (receivers.length === 0) {
                    context.report(`has no ${options.what} receiver (${options.integration}_configs)`, config.release);
                    continue;
                }
                const entries = receivers.flatMap((receiver) => (receiver.config[`${options.integration}_configs`] as Record<string, unknown>[]).map((entry) => ({ receiver, problem: options.check(entry, config.global) })));
                const working = entries.filter((entry) => entry.problem === undefined);
                if (working.length === 0) {
                    for (const entry of entries) {
                        context.report(`receiver "${entry.receiver.name}" ${entry.problem}`, config.release);
                    }
                    continue;
                }
                const walk = (route: Record<string, unknown>): string[] => [...(typeof route.receiver === "string" ? [route.receiver] : []), ...((route.routes ?? []) as Record<string, unknown>[]).flatMap(walk)];
                const routed = new Set(walk(config.route));
                if (!working.some((entry) => routed.has(entry.receiver.name))) {
                    context.report(`never routes alerts to its ${options.what} receiver "${working[0].receiver.name}"`, config.release);
                }
            }
        },
    });
}

export function present(value: unknown): boolean {
    return typeof value === "string" ? value.trim() !== "" : value !== undefined && value !== null;
}
