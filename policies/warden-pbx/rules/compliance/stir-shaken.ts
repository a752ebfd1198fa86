import { automatedRule } from "../../../lib/rule";
import { provisionsFile } from "../../../lib/host-files";
import { appPath, eachPbxConfig, setting } from "../../pbx";

export default automatedRule({
    name: "stir-shaken",
    items: ["WP-3.5.1.4"],
    description:
        "STIR/SHAKEN applies where the PBX originates calls to the public network over SIP trunks: when config.yml configures trunks, stir_shaken.enabled must be true with certificate_path and private_key_path, and something the host runs at boot must put both files there: write_files, or a runcmd/bootcmd line, a written unit's ExecStart/ExecStartPre/ExecStartPost, or a written script one of those executes, whose command writes the path as its destination (the last operand of cp, mv or install, a tee argument, a > or >> redirection), e.g. from Secrets Manager; a path only read or copied away does not count. Without trunks the item does not apply.",
    severity: "medium",
    remediationSteps: "The kit installs the STI certificate and key from the operator-filled secret warden-pbx/stir-shaken at every start of pbx.service. In your own program, set stir_shaken.enabled: true with the certificate and key paths in config.yml and install both files at boot (the key from a secret store, never in user data).",
    validate: (context) => {
        let trunked = 0;
        let hosts = 0;
        eachPbxConfig(context, (file, source, _host, config) => {
            hosts += 1;
            const trunks = setting(file.data, "trunks");
            if (!Array.isArray(trunks) || trunks.length === 0) {
                return;
            }
            trunked += 1;
            const enabled = setting(file.data, "stir_shaken.enabled") === true;
            const paths = ["certificate_path", "private_key_path"].map((key) => setting(file.data, `stir_shaken.${key}`));
            if (!enabled || !paths.every((path) => typeof path === "string")) {
                context.report(`${file.source} configures SIP trunks but ${!enabled ? "does not enable STIR/SHAKEN" : "gives STIR/SHAKEN no certificate_path/private_key_path"}`, source);
                return;
            }
            for (const path of paths.map((entry) => appPath(config, String(entry)))) {
                if (!provisionsFile(config, path)) {
                    context.report(`${file.source} reads STIR/SHAKEN's ${path}, which nothing the host runs at boot writes (no write_files entry, no command or script installing it)`, source);
                }
            }
        });
        if (hosts > 0 && trunked === 0) {
            context.notApplicable("config.yml configures no SIP trunk: the PBX originates no calls to the public network");
        }
    },
});
