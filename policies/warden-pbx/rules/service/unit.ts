// The pbx.service items all start from the unit file cloud-init writes.
import { PolicyResource } from "@pulumi/policy";
import { CloudConfig } from "../../../lib/cloud-init";
import { Unit } from "../../../lib/systemd";
import { RuleContext } from "../../../lib/rule";
import { PBX_SERVICE, eachPbxHost, pbxUnit } from "../../pbx";

export function eachPbxUnit(context: Pick<RuleContext<unknown>, "resources" | "report">, check: (unit: Unit, config: CloudConfig, source: PolicyResource) => void): void {
    eachPbxHost(context, (_host, config, source) => {
        const unit = pbxUnit(config);
        if (!unit) {
            context.report(`writes no /etc/systemd/system/${PBX_SERVICE}.service`, source);
        } else {
            check(unit, config, source);
        }
    });
}
