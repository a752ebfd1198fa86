import { asNumber } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { eachPbxConfig, setting } from "../../pbx";

const CLASSES = ["require_uppercase", "require_lowercase", "require_digit", "require_special"];

export default automatedRule<{ minLength: number; minClasses: number }>({
    name: "password-policy",
    items: ["WP-3.2.1.1"],
    description: "The PBX's config.yml enforces passwords of at least minLength (12) characters (security.password.min_length) requiring at least minClasses of upper case, lower case, digit and special characters.",
    severity: "high",
    remediationSteps: "The kit's config.yml sets security.password.min_length: 12 with all four character classes. Set the same in your config.yml.",
    config: {
        minLength: { type: "integer", minimum: 8, default: 12, description: "Shortest password allowed." },
        minClasses: { type: "integer", minimum: 0, maximum: 4, default: 3, description: "Character classes a password must mix." },
    },
    validate: (context) => {
        eachPbxConfig(context, (file, source) => {
            const length = asNumber(setting(file.data, "security.password.min_length") ?? setting(file.data, "security.min_password_length"));
            if (length === undefined || length < context.config.minLength) {
                context.report(`${file.source} allows passwords of ${length ?? "any"} characters; at least ${context.config.minLength} are required`, source);
            }
            const classes = CLASSES.filter((key) => setting(file.data, `security.password.${key}`) === true).length;
            if (classes < context.config.minClasses) {
                context.report(`${file.source} requires ${classes} character classes in passwords; at least ${context.config.minClasses} are required`, source);
            }
        });
    },
});
