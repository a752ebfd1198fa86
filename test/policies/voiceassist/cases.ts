// The VoiceAssist pack's rule tables (test/helpers/rule-cases.ts) over its compliant environment.
import { ruleCases } from "../../helpers/rule-cases";
import { voiceassistEnvironment } from "./environment";

export const { run, describeRule } = ruleCases("voiceassist", voiceassistEnvironment);
