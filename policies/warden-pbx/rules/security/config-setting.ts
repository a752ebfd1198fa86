// Several security items are one config.yml setting of the PBX; this checks it with a predicate.
import { RuleContext } from "../../../lib/rule";
import { eachPbxConfig, setting } from "../../pbx";

export function requireSetting(context: Pick<RuleContext<unknown>, "resources" | "report">, path: string, holds: (value: unknown) => boolean, requirement: string): void {
    eachPbxConfig(context, (file, source) => {
        const value = setting(file.data, path);
        if (!holds(value)) {
            context.report(`${file.source} sets ${path} to ${value === undefined ? "nothing" : JSON.stringify(value)}; ${requirement}`, source);
        }
    });
}
