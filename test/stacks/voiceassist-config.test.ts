import { ConfigReader, mapConfigSource } from "../../stacks/config";
import { readVoiceAssistConfig } from "../../stacks/voiceassist-config";

const valid = { voiceassistDomain: "voiceassist.example.com", voiceassistAlertEmail: "ops@example.com" };

function read(values: Record<string, unknown>) {
    const reader = new ConfigReader(mapConfigSource("readiness-kit", values));
    const config = readVoiceAssistConfig(reader);
    return { config, problems: reader.problems.map((problem) => `${problem.propertyPath}: ${problem.reason}`) };
}

describe("voiceassist config", () => {
    it("defaults to the checklist's numbers", () => {
        const { config, problems } = read(valid);
        expect(problems).toEqual([]);
        expect(config).toMatchObject({ ubuntuRelease: "24.04", instanceType: "m7a.4xlarge", dataVolumeGb: 500, auditRetentionDays: 2557, backupRetentionDays: 30, kubernetes: "eks", eksPublicAccessCidrs: [], adminCidrs: [] });
    });

    it.each([
        [{ voiceassistInstanceType: "m7i.2xlarge" }, "readiness-kit:voiceassistInstanceType: m7i.2xlarge has 4 physical cores and 32 GiB; at least 8 cores and 32 GiB are required"],
        [{ voiceassistInstanceType: "c7a.2xlarge" }, "readiness-kit:voiceassistInstanceType: c7a.2xlarge has 8 physical cores and 16 GiB; at least 8 cores and 32 GiB are required"],
        [{ voiceassistUbuntuRelease: "20.04" }, "readiness-kit:voiceassistUbuntuRelease: '20.04' is not an Ubuntu LTS release of 22.04 or later"],
        [{ voiceassistDataVolumeGb: 200 }, "readiness-kit:voiceassistDataVolumeGb: must be at least 500 (the checklist asks for at least 500 GB of SSD storage), got 200"],
        [{ voiceassistAuditRetentionDays: 365 }, "readiness-kit:voiceassistAuditRetentionDays: must be at least 2557 (HIPAA audit logs are kept 7 years), got 365"],
        [{ voiceassistAuditRetentionDays: 3000 }, "readiness-kit:voiceassistAuditRetentionDays: CloudWatch Logs keeps 2557, 2922, 3288, 3653 days, not 3000"],
        [{ voiceassistAdminCidrs: ["0.0.0.0/0"], voiceassistAdminSshKeys: ["ssh-ed25519 AAAAC3Nza deploy"] }, "readiness-kit:voiceassistAdminCidrs: SSH must not be open to the whole internet; list your admin networks"],
        [{ voiceassistAdminCidrs: ["192.0.2.0/24"] }, "readiness-kit:voiceassistAdminSshKeys: SSH is open to voiceassistAdminCidrs but no key is listed (password login is disabled)"],
        [{ voiceassistEksPublicAccessCidrs: ["0.0.0.0/0"] }, "readiness-kit:voiceassistEksPublicAccessCidrs: the Kubernetes API must not be open to the whole internet"],
        [{ voiceassistKubernetes: "kubeconfig", voiceassistOidcProviderArn: "a", voiceassistOidcProviderUrl: "b", voiceassistClusterSecurityGroupIds: ["sg-0123456789abcdef0"] }, "readiness-kit:voiceassistKubeconfig: required when voiceassistKubernetes is kubeconfig"],
        [{ voiceassistKubernetes: "kubeconfig", voiceassistKubeconfig: "apiVersion: v1", voiceassistOidcProviderArn: "a", voiceassistOidcProviderUrl: "b" }, "readiness-kit:voiceassistClusterSecurityGroupIds: an existing cluster's pods reach the database only if its node security groups are listed"],
        [{ voiceassistDbAdminCidrs: ["::/0"] }, "readiness-kit:voiceassistDbAdminCidrs: the database must not admit every address; name the networks administration connects from"],
        [{ voiceassistClusterSecurityGroupIds: ["default"] }, "readiness-kit:voiceassistClusterSecurityGroupIds: 'default' is not a security group id (sg-...)"],
        [{ voiceassistKubernetes: "gke" }, "readiness-kit:voiceassistKubernetes: must be one of eks, kubeconfig, got 'gke'"],
        [{ voiceassistBackupRetentionDays: 7 }, "readiness-kit:voiceassistBackupRetentionDays: must be at least 30 (the checklist keeps 30 days; RDS allows up to 35), got 7"],
        [{ voiceassistAlertEmail: "" }, "readiness-kit:voiceassistAlertEmail: required: set an e-mail address for alerts"],
        [{ voiceassistInstanceType: "m7g.4xlarge" }, "readiness-kit:voiceassistInstanceType: m7g.4xlarge is a Graviton (arm64) type; the kit's hosts and nodes boot x86_64 images"],
        [{ voiceassistNodeInstanceType: "m7g.2xlarge" }, "readiness-kit:voiceassistNodeInstanceType: m7g.2xlarge is a Graviton (arm64) type; the kit's hosts and nodes boot x86_64 images"],
        [{ voiceassistBackupRegion: "us-east-1" }, "readiness-kit:voiceassistBackupRegion: us-east-1 is the stack's own region (aws:region); off-site copies must live in another region"],
        [{ voiceassistVpcCidr: "10.999.0.0/16" }, "readiness-kit:voiceassistVpcCidr: '10.999.0.0/16' must be a private 10.x.0.0/16 block"],
        [{ voiceassistDbInstanceClass: "db.x9.huge" }, "readiness-kit:voiceassistDbInstanceClass: unknown RDS instance class 'db.x9.huge' (e.g. db.m7g.large)"],
    ])("refuses %j", (override, problem) => {
        expect(read({ ...valid, ...override }).problems).toEqual([problem]);
    });
});
