// The readiness-kit program: `pulumi up` with Pulumi.prod.yaml builds the production environments
// the Warden PBX and VoiceAssist checklists describe.
import { buildEnvironment } from "./stacks";

export const environments = buildEnvironment();
