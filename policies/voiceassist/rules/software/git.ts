import { packageRule } from "./packages";

export default packageRule({ name: "git", item: "VA-2.1.3", what: "Git", packages: ["git"], severity: "low" });
