import { packageRule } from "./packages";

export default packageRule({ name: "openssl", item: "VA-2.1.7", what: "OpenSSL", packages: ["openssl"], severity: "low" });
