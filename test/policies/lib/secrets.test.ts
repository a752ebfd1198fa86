import { literalCredentials } from "../../../policies/lib/secrets";

describe("literalCredentials", () => {
    it.each([
        ["DB_PASSWORD=hunter2", [{ key: "DB_PASSWORD", value: "hunter2" }]],
        ["export API_KEY='abc123'", [{ key: "API_KEY", value: "abc123" }]],
        ["  password: s3cret", [{ key: "password", value: "s3cret" }]],
        ['{"client_secret": "xyz", "user": "pbx"}', [{ key: "client_secret", value: "xyz" }]],
        ["a=1\nTRUNK_PASSWORD = p4ss # trunk\nb=2", [{ key: "TRUNK_PASSWORD", value: "p4ss" }]],
    ])("finds the literal in %j", (text, expected) => {
        expect(literalCredentials(text)).toEqual(expected);
    });

    it.each([
        ["database:\n  password:\n    valueFrom: pbx/db", "a YAML key opening a mapping takes no value from the next line"],
        ["DB_PASSWORD=${DB_PASSWORD}", "a variable reference"],
        ["DB_PASSWORD=$DB_PASSWORD", "a bare variable reference"],
        ["DB_PASSWORD=", "an empty value"],
        ["private_key_path: /etc/pbx/tls/key.pem\npassword_file: /run/secrets/db", "settings naming where a credential lives"],
        ["aws secretsmanager get-secret-value --secret-id warden/app", "a flag naming a secret"],
    ])("finds nothing in %j (%s)", (text) => {
        expect(literalCredentials(text)).toEqual([]);
    });
});
