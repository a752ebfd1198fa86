// The VoiceAssist blueprint's config: read from the stack, checked against the checklist's
// numbers (and HIPAA's audit retention), every problem reported at once.
import { instanceSize } from "../policies/lib/instance-types";
import { ConfigReader, DOMAIN, EMAIL, LOG_RETENTION_DAYS } from "./config";

export interface VoiceAssistConfig {
    domain: string;
    hostedZoneId: string;
    alertEmail: string;
    ubuntuRelease: string;
    instanceType: string;
    rootVolumeGb: number;
    dataVolumeGb: number;
    adminCidrs: string[];
    adminSshKeys: string[];
    kubernetes: "eks" | "kubeconfig";
    kubeconfig: string;
    oidcProviderArn: string;
    oidcProviderUrl: string;
    clusterSecurityGroupIds: string[];
    dbAdminHost: string;
    dbAdminCidrs: string[];
    eksPublicAccessCidrs: string[];
    eksAdminRoleArns: string[];
    eksViewerRoleArns: string[];
    nodeInstanceType: string;
    nodeCount: number;
    dbInstanceClass: string;
    backupRetentionDays: number;
    offsiteRetentionDays: number;
    backupRegion: string;
    auditRetentionDays: number;
    slackChannel: string;
    vpcCidr: string;
    imageTag: string;
}

/** Checklist sizing: at least 8 physical cores and 32 GB; 16 cores and 64 GB recommended. */
export const VOICEASSIST_SIZING = { cores: 8, memoryGiB: 32, recommendedCores: 16, recommendedMemoryGiB: 64 };

export function readVoiceAssistConfig(reader: ConfigReader): VoiceAssistConfig {
    const domain = reader.requiredString("voiceassistDomain", DOMAIN, "a DNS domain such as example.com");
    const alertEmail = reader.requiredString("voiceassistAlertEmail", EMAIL, "an e-mail address for alerts");
    const ubuntuRelease = reader.string("voiceassistUbuntuRelease", "24.04");
    const lts = /^(\d{2})\.04$/.exec(ubuntuRelease);
    if (!lts || Number(lts[1]) % 2 !== 0 || Number(lts[1]) < 22) {
        reader.problem("voiceassistUbuntuRelease", `'${ubuntuRelease}' is not an Ubuntu LTS release of 22.04 or later`);
    }
    const instanceType = reader.string("voiceassistInstanceType", "m7a.4xlarge");
    const size = instanceSize(instanceType);
    if (!size) {
        reader.problem("voiceassistInstanceType", `unknown instance type '${instanceType}': its physical cores and memory cannot be checked`);
    } else if (size.cores < VOICEASSIST_SIZING.cores || size.memoryGiB < VOICEASSIST_SIZING.memoryGiB) {
        reader.problem("voiceassistInstanceType", `${instanceType} has ${size.cores} physical cores and ${size.memoryGiB} GiB; at least ${VOICEASSIST_SIZING.cores} cores and ${VOICEASSIST_SIZING.memoryGiB} GiB are required`);
    }
    reader.x86InstanceType("voiceassistInstanceType", instanceType);
    const nodeInstanceType = reader.string("voiceassistNodeInstanceType", "m7a.2xlarge");
    if (!instanceSize(nodeInstanceType)) {
        reader.problem("voiceassistNodeInstanceType", `unknown instance type '${nodeInstanceType}'`);
    }
    reader.x86InstanceType("voiceassistNodeInstanceType", nodeInstanceType);
    const adminCidrs = reader.cidrs("voiceassistAdminCidrs", []);
    if (adminCidrs.some((cidr) => cidr.endsWith("/0"))) {
        reader.problem("voiceassistAdminCidrs", "SSH must not be open to the whole internet; list your admin networks");
    }
    const adminSshKeys = reader.stringArray("voiceassistAdminSshKeys", []);
    for (const key of adminSshKeys) {
        if (!/^(ssh-ed25519|ecdsa-sha2-nistp\d+|ssh-rsa) [A-Za-z0-9+/=]+( .*)?$/.test(key)) {
            reader.problem("voiceassistAdminSshKeys", `'${key.slice(0, 24)}...' is not an OpenSSH public key`);
        }
    }
    if (adminCidrs.length > 0 && adminSshKeys.length === 0) {
        reader.problem("voiceassistAdminSshKeys", "SSH is open to voiceassistAdminCidrs but no key is listed (password login is disabled)");
    }
    const kubernetes = reader.oneOf("voiceassistKubernetes", "eks", ["eks", "kubeconfig"] as const);
    const kubeconfig = reader.string("voiceassistKubeconfig", "");
    const oidcProviderArn = reader.string("voiceassistOidcProviderArn", "");
    const oidcProviderUrl = reader.string("voiceassistOidcProviderUrl", "");
    const clusterSecurityGroupIds = reader.stringArray("voiceassistClusterSecurityGroupIds", []);
    for (const id of clusterSecurityGroupIds) {
        if (!/^sg-[0-9a-f]{8,17}$/.test(id)) {
            reader.problem("voiceassistClusterSecurityGroupIds", `'${id}' is not a security group id (sg-...)`);
        }
    }
    if (kubernetes === "kubeconfig") {
        if (clusterSecurityGroupIds.length === 0) {
            reader.problem("voiceassistClusterSecurityGroupIds", "an existing cluster's pods reach the database only if its node security groups are listed");
        }
        if (kubeconfig === "") {
            reader.problem("voiceassistKubeconfig", "required when voiceassistKubernetes is kubeconfig");
        }
        if (oidcProviderArn === "" || oidcProviderUrl === "") {
            reader.problem("voiceassistOidcProviderArn", "an existing cluster needs its IAM OIDC provider (ARN and URL) for workload roles");
        }
    }
    const eksPublicAccessCidrs = reader.cidrs("voiceassistEksPublicAccessCidrs", []);
    if (eksPublicAccessCidrs.some((cidr) => cidr.endsWith("/0"))) {
        reader.problem("voiceassistEksPublicAccessCidrs", "the Kubernetes API must not be open to the whole internet");
    }
    const auditRetentionDays = reader.integer("voiceassistAuditRetentionDays", 2557, { min: 2557, why: "HIPAA audit logs are kept 7 years" });
    if (!LOG_RETENTION_DAYS.includes(auditRetentionDays) && auditRetentionDays >= 2557) {
        reader.problem("voiceassistAuditRetentionDays", `CloudWatch Logs keeps ${LOG_RETENTION_DAYS.filter((days) => days >= 2557).join(", ")} days, not ${auditRetentionDays}`);
    }
    const dbAdminCidrs = reader.cidrs("voiceassistDbAdminCidrs", []);
    if (dbAdminCidrs.some((cidr) => cidr.endsWith("/0"))) {
        reader.problem("voiceassistDbAdminCidrs", "the database must not admit every address; name the networks administration connects from");
    }
    const backupRegion = reader.backupRegion("voiceassistBackupRegion", "us-west-2");
    const vpcCidr = reader.vpcCidr("voiceassistVpcCidr", "10.30.0.0/16");
    return {
        domain,
        hostedZoneId: reader.string("voiceassistHostedZoneId", ""),
        alertEmail,
        ubuntuRelease,
        instanceType,
        rootVolumeGb: reader.integer("voiceassistRootVolumeGb", 100, { min: 50 }),
        dataVolumeGb: reader.integer("voiceassistDataVolumeGb", 500, { min: 500, why: "the checklist asks for at least 500 GB of SSD storage" }),
        adminCidrs,
        adminSshKeys,
        kubernetes,
        kubeconfig,
        oidcProviderArn,
        oidcProviderUrl,
        clusterSecurityGroupIds,
        dbAdminHost: reader.string("voiceassistDbAdminHost", ""),
        dbAdminCidrs,
        eksPublicAccessCidrs,
        eksAdminRoleArns: reader.stringArray("voiceassistEksAdminRoleArns", []),
        eksViewerRoleArns: reader.stringArray("voiceassistEksViewerRoleArns", []),
        nodeInstanceType,
        nodeCount: reader.integer("voiceassistNodeCount", 3, { min: 2, why: "workloads must survive a node" }),
        dbInstanceClass: reader.dbInstanceClass("voiceassistDbInstanceClass", "db.r7g.xlarge"),
        backupRetentionDays: reader.integer("voiceassistBackupRetentionDays", 30, { min: 30, max: 35, why: "the checklist keeps 30 days; RDS allows up to 35" }),
        offsiteRetentionDays: reader.integer("voiceassistOffsiteRetentionDays", 90, { min: 90 }),
        backupRegion,
        auditRetentionDays,
        slackChannel: reader.string("voiceassistSlackChannel", "#voiceassist-alerts"),
        vpcCidr,
        imageTag: reader.string("voiceassistImageTag", "1.4.0"),
    };
}
