// The Warden PBX blueprint's config: read from the stack, checked against the checklist's
// numbers, every problem reported at once through the ConfigReader.
import { instanceSize } from "../policies/lib/instance-types";
import { ConfigReader, DOMAIN, EMAIL } from "./config";

export interface WardenPbxConfig {
    domain: string;
    hostedZoneId: string;
    alertEmails: string[];
    extensions: number;
    instanceType: string;
    adminCidrs: string[];
    sipSourceCidrs: string[];
    rtpPorts: { from: number; to: number };
    timezone: string;
    vpcCidr: string;
    rootVolumeGb: number;
    voicemailVolumeGb: number;
    recordingsVolumeGb: number;
    dbInstanceClass: string;
    dbEngineVersion: string;
    dbAdminHost: string;
    dbAdminCidrs: string[];
    backupRetentionDays: number;
    offsiteRetentionDays: number;
    backupRegion: string;
    logRetentionDays: number;
    pbxRepository: string;
    pbxRelease: string;
}

/** Checklist sizing: 4 physical cores / 8 GB, 8 cores / 16 GB above 100 extensions. */
export function sizingFor(extensions: number): { cores: number; memoryGiB: number; defaultType: string } {
    return extensions > 100 ? { cores: 8, memoryGiB: 16, defaultType: "c7i.4xlarge" } : { cores: 4, memoryGiB: 8, defaultType: "c7i.2xlarge" };
}

/** Storage per extension the pack checks (voicemail 100 MB, recordings 500 MB), with room to grow. */
export function defaultVolumeGb(extensions: number, mbPerExtension: number, minimum: number): number {
    return Math.max(minimum, Math.ceil((extensions * mbPerExtension * 2) / 1024));
}

const RTP_RANGE = { from: 10000, to: 20000 };

function isTimezone(timezone: string): boolean {
    try {
        new Intl.DateTimeFormat("en-US", { timeZone: timezone });
        return true;
    } catch {
        return false;
    }
}

export function readWardenPbxConfig(reader: ConfigReader): WardenPbxConfig {
    const domain = reader.requiredString("wardenDomain", DOMAIN, "a DNS domain such as example.com");
    const email = reader.requiredString("wardenAlertEmail", EMAIL, "an e-mail address for alerts");
    const extensions = reader.integer("wardenExtensions", 50, { min: 1, why: "extensions must be a positive integer" });
    const sizing = sizingFor(extensions);
    const instanceType = reader.string("wardenInstanceType", "") || sizing.defaultType;
    const size = instanceSize(instanceType);
    if (!size) {
        reader.problem("wardenInstanceType", `unknown instance type '${instanceType}': its physical cores and memory cannot be checked`);
    } else if (size.cores < sizing.cores || size.memoryGiB < sizing.memoryGiB) {
        reader.problem(
            "wardenInstanceType",
            `${instanceType} has ${size.cores} physical cores and ${size.memoryGiB} GiB; ${extensions} extensions need at least ${sizing.cores} cores and ${sizing.memoryGiB} GiB`,
        );
    }
    reader.x86InstanceType("wardenInstanceType", instanceType);

    const rtp = reader.string("wardenRtpPortRange", "10000-20000");
    const match = /^(\d+)-(\d+)$/.exec(rtp);
    let rtpPorts = RTP_RANGE;
    if (!match || Number(match[1]) > Number(match[2])) {
        reader.problem("wardenRtpPortRange", `'${rtp}' is not a port range such as 10000-20000`);
    } else if (Number(match[1]) < RTP_RANGE.from || Number(match[2]) > RTP_RANGE.to) {
        reader.problem("wardenRtpPortRange", `${rtp} opens more than the checklist's RTP range ${RTP_RANGE.from}-${RTP_RANGE.to}`);
    } else {
        rtpPorts = { from: Number(match[1]), to: Number(match[2]) };
    }

    const sipSourceCidrs = reader.cidrs("wardenSipSourceCidrs", []);
    if (sipSourceCidrs.length === 0) {
        reader.problem("wardenSipSourceCidrs", "required: list the networks of your SIP trunk providers and phones (0.0.0.0/0 only if phones register from anywhere)");
    }
    const adminCidrs = reader.cidrs("wardenAdminCidrs", []);
    if (adminCidrs.some((cidr) => cidr.endsWith("/0"))) {
        reader.problem("wardenAdminCidrs", "SSH must not be open to the whole internet; use Session Manager or list your admin networks");
    }

    const logRetentionDays = reader.integer("wardenLogRetentionDays", 90, { min: 30, max: 90, why: "the checklist's log retention is 30-90 days" });
    if (![30, 60, 90].includes(logRetentionDays) && logRetentionDays >= 30 && logRetentionDays <= 90) {
        reader.problem("wardenLogRetentionDays", `CloudWatch Logs keeps 30, 60 or 90 days in this range, not ${logRetentionDays}`);
    }
    const dbEngineVersion = reader.string("wardenDbEngineVersion", "16");
    if (!/^\d+$/.test(dbEngineVersion) || Number(dbEngineVersion) < 14) {
        reader.problem("wardenDbEngineVersion", `PostgreSQL ${dbEngineVersion} is not a major version of 14 or later`);
    }
    const dbAdminCidrs = reader.cidrs("wardenDbAdminCidrs", []);
    if (dbAdminCidrs.some((cidr) => cidr.endsWith("/0"))) {
        reader.problem("wardenDbAdminCidrs", "the database must not admit every address; name the networks administration connects from");
    }
    const backupRegion = reader.backupRegion("wardenBackupRegion", "us-west-2");
    const vpcCidr = reader.vpcCidr("wardenVpcCidr", "10.20.0.0/16");
    const timezone = reader.string("wardenTimezone", "UTC");
    if (!isTimezone(timezone)) {
        reader.problem("wardenTimezone", `'${timezone}' is not an IANA timezone such as UTC or America/Chicago`);
    }
    // Both reach a root shell command line at boot (git clone --branch <release> <repository>).
    const pbxRepository = reader.string("wardenPbxRepository", "https://github.com/mattiIce/PBX.git");
    if (!/^https:\/\/[A-Za-z0-9.-]+(:\d+)?(\/[A-Za-z0-9._~-]+)+$/.test(pbxRepository)) {
        reader.problem("wardenPbxRepository", `'${pbxRepository}' is not an https:// Git repository URL`);
    }
    const pbxRelease = reader.string("wardenPbxRelease", "v1.2.0");
    if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(pbxRelease)) {
        reader.problem("wardenPbxRelease", `'${pbxRelease}' is not a Git tag or branch name`);
    }

    return {
        domain,
        hostedZoneId: reader.string("wardenHostedZoneId", ""),
        alertEmails: [email],
        extensions,
        instanceType,
        adminCidrs,
        sipSourceCidrs,
        rtpPorts,
        timezone,
        vpcCidr,
        rootVolumeGb: reader.integer("wardenRootVolumeGb", 100, { min: 100, why: "the checklist's minimum disk is 100 GB" }),
        voicemailVolumeGb: reader.integer("wardenVoicemailVolumeGb", 0, { min: 0 }) || defaultVolumeGb(extensions, 100, 50),
        recordingsVolumeGb: reader.integer("wardenRecordingsVolumeGb", 0, { min: 0 }) || defaultVolumeGb(extensions, 500, 200),
        dbInstanceClass: reader.dbInstanceClass("wardenDbInstanceClass", "db.m7g.large"),
        dbEngineVersion,
        dbAdminHost: reader.string("wardenDbAdminHost", ""),
        dbAdminCidrs,
        backupRetentionDays: reader.integer("wardenBackupRetentionDays", 30, { min: 30, max: 35, why: "the checklist keeps 30 days of backups; RDS allows up to 35" }),
        offsiteRetentionDays: reader.integer("wardenOffsiteRetentionDays", 90, { min: 90, why: "the checklist keeps 90 days off-site" }),
        backupRegion,
        logRetentionDays,
        pbxRepository,
        pbxRelease,
    };
}
