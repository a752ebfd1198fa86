import { packageRule } from "./packages";

export default packageRule({ name: "nginx", item: "VA-2.1.5", what: "nginx", packages: ["nginx", "nginx-full", "nginx-light", "nginx-core"], severity: "medium" });
