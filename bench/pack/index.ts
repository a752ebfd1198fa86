import { PolicyPack } from "@pulumi/policy";
import { benchRegistry } from "./rules";

new PolicyPack("bench", { policies: benchRegistry().policies() });
