import { memoryShareRule } from "./memory-share";

export default memoryShareRule({ name: "shared-buffers", item: "VA-5.2.3", parameter: "shared_buffers", share: 0.25 });
