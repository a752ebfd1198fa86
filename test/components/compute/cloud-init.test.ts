import * as YAML from "yaml";
import { dataVolumes, dscpMarking, fail2ban, hostFirewall, mergeCloudInit, renderCloudConfig, secretsEnvFile, securityUpdates, timeSync } from "../../../components/compute/cloud-init";
import { pbxCloudConfig } from "../../../stacks/warden-pbx-host";

describe("cloud-init blocks", () => {
    it("merge lists in order, de-duplicate packages and keep settings", () => {
        const document = mergeCloudInit(timeSync("UTC"), securityUpdates(), hostFirewall([{ port: "5060", protocol: "udp" }, { port: "22", protocol: "tcp", from: "192.0.2.0/24" }]));
        expect(document).toMatchObject({
            timezone: "UTC",
            ntp: { enabled: true, ntp_client: "chrony", servers: ["169.254.169.123"] },
            package_update: true,
            package_upgrade: true,
            packages: ["chrony", "unattended-upgrades", "ufw"],
            runcmd: ["ufw default deny incoming", "ufw default allow outgoing", "ufw allow 5060/udp", "ufw allow proto tcp from 192.0.2.0/24 to any port 22", "ufw --force enable"],
        });
    });

    it("refuse two parts that disagree on a setting or write the same file", () => {
        expect(() => mergeCloudInit(timeSync("UTC"), timeSync("Europe/Paris"))).toThrow("cloud-init setting timezone is set twice with different values");
        expect(() => mergeCloudInit(securityUpdates(), securityUpdates())).toThrow("cloud-init writes /etc/apt/apt.conf.d/20auto-upgrades twice");
    });

    it("render YAML that parses back to the document", () => {
        const document = mergeCloudInit(fail2ban([{ name: "sshd" }]), dscpMarking([{ protocol: "udp", sourcePorts: "10000:20000", dscpClass: "EF" }]));
        const text = renderCloudConfig(document);
        expect(text.startsWith("#cloud-config\n")).toBe(true);
        expect(YAML.parse(text)).toEqual(document);
    });

    it("fetch secrets by name into a file only its owner reads", () => {
        expect(secretsEnvFile({ secretName: "app/env", region: "us-east-1", path: "/opt/app/.env", owner: "app:app" }).runcmd).toEqual([
            "aws secretsmanager get-secret-value --region us-east-1 --secret-id app/env --query SecretString --output text > /opt/app/.env",
            "chown app:app /opt/app/.env",
            "chmod 600 /opt/app/.env",
        ]);
    });

    it("mount data volumes by label and wait for late attachments", () => {
        const part = dataVolumes([{ label: "voicemail", device: "/dev/sdf", mountPoint: "/var/lib/pbx/voicemail" }]);
        expect(part.fsSetup).toEqual([{ label: "voicemail", filesystem: "ext4", device: "/dev/sdf" }]);
        expect(part.mounts).toEqual([["LABEL=voicemail", "/var/lib/pbx/voicemail", "ext4", "defaults,nofail,x-systemd.device-timeout=600", "0", "2"]]);
        expect(part.runcmd).toEqual(["/usr/local/sbin/prepare-data-volumes"]);
    });
});

describe("the PBX host's cloud-config", () => {
    const options = {
        domain: "example.com",
        portalName: "pbx.example.com",
        region: "us-east-1",
        timezone: "UTC",
        envSecretName: "warden-pbx/app-env",
        rtpPorts: { from: 10000, to: 20000 },
        sipSourceCidrs: ["198.51.100.0/24"],
        adminCidrs: [],
        webSourceCidr: "10.20.0.0/16",
        repository: "https://github.com/mattiIce/PBX.git",
        release: "v1.2.0",
        voicemailDevice: "/dev/sdf",
        recordingsDevice: "/dev/sdg",
    };

    it("renders as recorded (snapshot)", () => {
        expect(renderCloudConfig(pbxCloudConfig(options))).toMatchSnapshot();
    });

    it("opens SIP and RTP on the host firewall to the configured networks only", () => {
        const runcmd = pbxCloudConfig(options).runcmd as string[];
        expect(runcmd.filter((line) => line.startsWith("ufw allow"))).toEqual([
            "ufw allow proto udp from 198.51.100.0/24 to any port 5060",
            "ufw allow proto udp from 198.51.100.0/24 to any port 10000:20000",
            "ufw allow proto tcp from 10.20.0.0/16 to any port 80",
        ]);
    });

    it("carries no secret value, only the secret's name", () => {
        const text = renderCloudConfig(pbxCloudConfig(options));
        expect(text).toContain("--secret-id warden-pbx/app-env");
        expect(text).not.toMatch(/PASSWORD=|BEGIN (EC )?PRIVATE KEY/);
    });
});
