// The Warden PBX pack's rule tables (test/helpers/rule-cases.ts) over its compliant environment.
import { ruleCases } from "../../helpers/rule-cases";
import { pbxEnvironment } from "./environment";

export type { FailCase, RuleCases } from "../../helpers/rule-cases";

export const { run, describeRule } = ruleCases("warden-pbx", pbxEnvironment);
