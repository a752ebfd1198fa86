import { memoryShareRule } from "./memory-share";

export default memoryShareRule({ name: "effective-cache-size", item: "VA-5.2.4", parameter: "effective_cache_size", share: 0.75 });
