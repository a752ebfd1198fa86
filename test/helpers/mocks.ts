// Component tests: the gate's recording mock monitor, installed in this test file's Pulumi
// runtime, so that tests assert the exact inputs and options the engine would receive.
import * as pulumi from "@pulumi/pulumi";
import { RecordedResource, RecordingSession, installRecordingMocks, plain } from "../../gate/program";
import { ROOT } from "./cli";

export const PROJECT = "readiness-kit";

/**
 * Installs the mocks; call before importing or constructing components. Config keys without a
 * namespace belong to the project.
 */
export async function recordingMocks(config: Record<string, unknown> = {}, options: { preview?: boolean; stack?: string } = {}): Promise<RecordingSession> {
    const namespaced: Record<string, string> = { "aws:region": "us-east-1" };
    for (const [key, value] of Object.entries(config)) {
        namespaced[key.includes(":") ? key : `${PROJECT}:${key}`] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return installRecordingMocks({ dir: ROOT, project: PROJECT, stack: options.stack ?? "test", config: namespaced, preview: options.preview ?? false, label: "test" });
}

export function ofType(session: RecordingSession, type: string): RecordedResource[] {
    return session.resources.filter((resource) => resource.type === type);
}

/** The one resource of a type and name; throws listing what exists otherwise. */
export function named(session: RecordingSession, type: string, name: string): RecordedResource {
    const found = session.resources.find((resource) => resource.type === type && resource.name === name);
    if (!found) {
        throw new Error(`no ${type} named ${name}; have: ${ofType(session, type).map((resource) => resource.name).join(", ") || "none"}`);
    }
    return found;
}

/** A resource's inputs with secrets unwrapped (their secretness is asserted with isSecretInput). */
export function inputsOf(resource: RecordedResource): Record<string, unknown> {
    return plain(resource.inputs) as Record<string, unknown>;
}

const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";

export function isSecretInput(resource: RecordedResource, key: string): boolean {
    const value = resource.inputs[key] as Record<string, unknown> | undefined;
    return typeof value === "object" && value !== null && SECRET_SIG_KEY in value;
}

export function outputOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply((value) => resolve(value)));
}
