// Bad input of any kind (flags, project and stack files, attestation and waiver files, policy
// config, a pack that does not start, a program that throws) ends the gate with exit code 2 and
// one line that names the file and the key.
export class InputError extends Error {
    constructor(
        /** The file (or flag) at fault, as the user wrote it. */
        readonly source: string,
        message: string,
        readonly detail?: unknown,
    ) {
        super(`${source}: ${message}`);
        this.name = "InputError";
    }
}

export const EXIT_OK = 0;
export const EXIT_VIOLATIONS = 1;
export const EXIT_INPUT = 2;
