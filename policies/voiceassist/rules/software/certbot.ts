import { packageRule } from "./packages";

export default packageRule({ name: "certbot", item: "VA-2.1.6", what: "Certbot", packages: ["certbot"], severity: "low" });
