import { automatedRule } from "../../../lib/rule";
import { eachPbxConfig, setting } from "../../pbx";

export default automatedRule({
    name: "stir-shaken",
    items: ["WP-3.5.1.4"],
    description:
        "STIR/SHAKEN applies where the PBX originates calls to the public network over SIP trunks: when config.yml configures trunks, stir_shaken.enabled must be true with certificate_path and private_key_path; without trunks the item does not apply.",
    severity: "medium",
    remediationSteps: "Set stir_shaken.enabled: true with the certificate and key paths of your STI certificate in config.yml.",
    validate: (context) => {
        let trunked = 0;
        let hosts = 0;
        eachPbxConfig(context, (file, source) => {
            hosts += 1;
            const trunks = setting(file.data, "trunks");
            if (!Array.isArray(trunks) || trunks.length === 0) {
                return;
            }
            trunked += 1;
            const enabled = setting(file.data, "stir_shaken.enabled") === true;
            const paths = ["certificate_path", "private_key_path"].every((key) => typeof setting(file.data, `stir_shaken.${key}`) === "string");
            if (!enabled || !paths) {
                context.report(`${file.source} configures SIP trunks but ${!enabled ? "does not enable STIR/SHAKEN" : "gives STIR/SHAKEN no certificate_path/private_key_path"}`, source);
            }
        });
        if (hosts > 0 && trunked === 0) {
            context.notApplicable("config.yml configures no SIP trunk: the PBX originates no calls to the public network");
        }
    },
});
