// Items no program can show: documentation, training, tests people run, sign-offs. Each passes
// only with a valid attestation (who checked it, when, with a link to the evidence, until when).
import { AttestedItem } from "../lib/rule";

export const attestedItems: AttestedItem[] = [];
