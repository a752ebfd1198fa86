// The four "Required ports opened" items share one check: the range is open on both firewall layers.
import { Opening, openingFor, openingProblem } from "../../../lib/firewall";
import { PortRange } from "../../../lib/network";
import { RuleContext } from "../../../lib/rule";
import { eachPbxHost } from "../../pbx";

export function requireOpen(context: Pick<RuleContext<unknown>, "resources" | "report">, range: PortRange, purpose: string): void {
    eachPbxHost(context, (host, config, source) => {
        const opening: Opening = openingFor(context.resources, host, config, range);
        const problem = openingProblem(opening, range);
        if (problem) {
            context.report(`${problem}; ${purpose} needs it`, opening.cloud.length === 0 ? host.instance : source);
        }
    });
}
