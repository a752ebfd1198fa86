// Checks of a host's boot document that both packs ask for (time, updates, firewall, SSH,
// fail2ban): each returns what is wrong, in the words rules report, so that no rule logic is
// written twice.
import { CloudConfig, packagesOf } from "./cloud-init";
import { Jail, filterAvailable, seconds } from "./fail2ban";
import { aptSettings } from "./host-files";
import { ufwOf } from "./ufw";

/** An IANA zone the ICU data of Node knows (DateTimeFormat throws RangeError for others). */
export function isTimeZone(zone: string): boolean {
    try {
        new Intl.DateTimeFormat("en-US", { timeZone: zone });
        return /^[A-Za-z]/.test(zone);
    } catch {
        return false;
    }
}

/** Why the host's time zone is not set (to `required`, when given), or undefined. */
export function timezoneProblem(config: CloudConfig, required: string, equivalents: string[] = []): string | undefined {
    const zone = config.timezone;
    if (typeof zone !== "string" || zone === "") {
        return "sets no timezone, so the host keeps whatever the image has";
    }
    if (!isTimeZone(zone)) {
        return `sets timezone ${zone}, which is not an IANA time zone`;
    }
    if (required !== "" && zone !== required && !equivalents.includes(zone)) {
        return `sets timezone ${zone}; ${required} is required`;
    }
    return undefined;
}

const NTP_CLIENTS = ["chrony", "ntp", "ntpdate", "systemd-timesyncd", "openntpd", "auto"];

/** What is wrong with the host's time synchronization (cloud-init `ntp`). */
export function ntpProblems(config: CloudConfig, requiredServers: string[]): string[] {
    const ntp = config.ntp;
    if (!ntp || ntp.enabled !== true) {
        return ["does not enable NTP (cloud-init ntp.enabled: true)"];
    }
    const problems: string[] = [];
    const client = ntp.ntp_client ?? "auto";
    if (!NTP_CLIENTS.includes(client)) {
        problems.push(`uses NTP client ${client}, which is not a known time synchronization client`);
    }
    const servers = [...(ntp.servers ?? []), ...(ntp.pools ?? [])];
    const missing = requiredServers.filter((server) => !servers.includes(server));
    if (missing.length > 0) {
        problems.push(`does not synchronize with ${missing.join(", ")}`);
    }
    return problems;
}

/** Pending updates are applied at first boot. */
export function firstBootUpgradeProblem(config: CloudConfig): string | undefined {
    return config.package_update !== true || config.package_upgrade !== true ? "does not set package_update and package_upgrade to true, so pending updates are not applied at first boot" : undefined;
}

/** unattended-upgrades is installed, enabled and not kept from the security pocket. */
export function unattendedUpgradeProblems(config: CloudConfig): string[] {
    const problems: string[] = [];
    if (!packagesOf(config).includes("unattended-upgrades")) {
        problems.push("does not install unattended-upgrades, so later security updates are not applied");
    }
    const apt = aptSettings(config);
    if (apt.get("APT::Periodic::Unattended-Upgrade")?.[0] !== "1") {
        problems.push('does not enable unattended upgrades (APT::Periodic::Unattended-Upgrade "1" in /etc/apt/apt.conf.d/20auto-upgrades)');
    }
    const origins = apt.get("Unattended-Upgrade::Allowed-Origins") ?? apt.get("Unattended-Upgrade::Origins-Pattern");
    if (origins && !origins.some((origin) => /security/.test(origin))) {
        problems.push("limits unattended upgrades to origins without the security pocket");
    }
    return problems;
}

/** ufw is installed, denies incoming traffic by default and is enabled at boot. */
export function ufwEnabledProblems(config: CloudConfig): string[] {
    const ufw = ufwOf(config);
    const problems: string[] = [];
    if (!packagesOf(config).includes("ufw")) {
        problems.push("does not install ufw");
    }
    if (ufw.defaultIncoming !== "deny" && ufw.defaultIncoming !== "reject") {
        problems.push("does not deny incoming traffic by default (`ufw default deny incoming`)");
    }
    if (!ufw.enabled) {
        problems.push("never enables the host firewall (`ufw --force enable`)");
    }
    return problems;
}

export function sshPasswordProblem(config: CloudConfig): string | undefined {
    return config.ssh_pwauth !== false ? "does not turn off SSH password login (ssh_pwauth: false)" : undefined;
}

/** Filters the Ubuntu fail2ban package ships (a subset). */
export const SHIPPED_FAIL2BAN_FILTERS = ["sshd", "asterisk", "nginx-http-auth", "nginx-limit-req", "nginx-botsearch", "recidive"];

/** Jails strong enough (filter present, few retries, long bans); else one problem per jail. */
export function jailStrength(config: CloudConfig, jails: Jail[], maxRetry: number, minBanSeconds: number): { good: Jail[]; problems: string[] } {
    const good = jails.filter((jail) => {
        const retry = Number(jail.settings.get("maxretry") ?? 5);
        const ban = seconds(jail.settings.get("bantime") ?? "10m") ?? 0;
        return filterAvailable(config, jail, SHIPPED_FAIL2BAN_FILTERS) && retry <= maxRetry && (ban < 0 || ban >= minBanSeconds);
    });
    const problems =
        good.length > 0
            ? []
            : jails.map(
                  (jail) =>
                      `jail [${jail.name}] (${jail.file}) ${filterAvailable(config, jail, SHIPPED_FAIL2BAN_FILTERS) ? "" : "uses a filter that is not installed; "}bans after ${jail.settings.get("maxretry") ?? 5} failures for ${jail.settings.get("bantime") ?? "10m"}; at most ${maxRetry} failures and at least ${minBanSeconds} s are required`,
              );
    return { good, problems };
}
