// What a host's cloud-init does to its file system and OS beyond packages and services: users,
// mounts, ownership and modes of paths, sysctl settings, apt periodic settings, scheduled jobs.
import { CloudConfig, filesOf } from "./cloud-init";
import { literalCredentials } from "./secrets";
import { environmentFiles, parseUnit, simpleCommands, timers, unitFiles } from "./systemd";

// --- users ---------------------------------------------------------------------------------------

export interface HostUser {
    name: string;
    system: boolean;
    shell?: string;
    /** sudo rights: a `sudo` rule, or membership of an administrator group. */
    sudo: boolean;
    /** The administrator groups that give it sudo (sudo, admin, wheel). */
    adminGroups: string[];
    /** A password is set (passwd, hashed_passwd, plain_text_passwd) or not locked. */
    password: boolean;
    sshKeys: number;
    /** "users" and "useradd" declare the user; "group" means a command only adds an undeclared user to an administrator group. */
    source: "users" | "useradd" | "group";
}

/** Groups whose members may run anything with sudo on Ubuntu (sudo, admin) and elsewhere (wheel). */
export const ADMIN_GROUPS = ["sudo", "admin", "wheel"];

/** "sudo, docker" or [sudo, docker] -> ["sudo", "docker"]. */
function nameList(value: unknown): string[] {
    const entries = Array.isArray(value) ? value : typeof value === "string" ? value.split(",") : [];
    return entries.map((entry) => String(entry).trim()).filter((entry) => entry.length > 0);
}

/** `adduser [--quiet] USER GROUP`, Debian's way to add an existing user to a group: [user, group]. */
function adduserToGroup(words: string[]): [string, string] | undefined {
    const args = words.slice(1);
    const options = args.filter((word) => word.startsWith("-"));
    const positional = args.filter((word) => !word.startsWith("-"));
    return words[0] === "adduser" && positional.length === 2 && options.every((option) => ["-q", "--quiet", "--debug"].includes(option)) ? [positional[0], positional[1]] : undefined;
}

/** Group memberships boot commands grant: usermod -aG, useradd -G, gpasswd -a / -M, adduser USER GROUP. */
function commandMemberships(config: CloudConfig): { user: string; group: string }[] {
    const found: { user: string; group: string }[] = [];
    for (const command of simpleCommands(config)) {
        const words = command.split(/\s+/).map((word) => word.replace(/^["']|["']$/g, ""));
        const args = words.slice(1);
        const toGroup = adduserToGroup(words);
        if (words[0] === "usermod" || words[0] === "useradd") {
            // -G list, -aG list, --groups list, --groups=list; the user is the last word.
            const index = args.findIndex((word) => /^-[a-zA-Z]*G$/.test(word) || word === "--groups");
            const inline = args.map((word) => /^--groups=(.+)$/.exec(word)?.[1]).find((list) => list !== undefined);
            const groups = inline ?? (index >= 0 ? args[index + 1] : undefined);
            if (groups !== undefined) {
                nameList(groups).forEach((group) => found.push({ user: args[args.length - 1], group }));
            }
        } else if (words[0] === "gpasswd") {
            const add = args.findIndex((word) => word === "-a" || word === "--add");
            const members = args.findIndex((word) => word === "-M" || word === "--members");
            const group = args[args.length - 1];
            if (add >= 0) {
                found.push({ user: args[add + 1], group });
            } else if (members >= 0) {
                nameList(args[members + 1]).forEach((user) => found.push({ user, group }));
            }
        } else if (toGroup) {
            found.push({ user: toGroup[0], group: toGroup[1] });
        }
    }
    return found;
}

/** Administrator group memberships: users' `groups`, the top-level `groups` lists, and boot commands. */
function adminMemberships(config: CloudConfig): { user: string; group: string }[] {
    const fromUsers = (config.users ?? []).flatMap((entry) => (typeof entry === "string" ? [] : nameList(entry.groups).map((group) => ({ user: String(entry.name ?? ""), group }))));
    const fromGroups = ((config.groups ?? []) as unknown[]).flatMap((entry) =>
        entry && typeof entry === "object" ? Object.entries(entry as Record<string, unknown>).flatMap(([group, members]) => nameList(members).map((user) => ({ user, group }))) : [],
    );
    return [...fromUsers, ...fromGroups, ...commandMemberships(config)].filter((membership) => ADMIN_GROUPS.includes(membership.group));
}

export function usersOf(config: CloudConfig): HostUser[] {
    const users: HostUser[] = [];
    for (const entry of config.users ?? []) {
        if (typeof entry === "string") {
            continue; // "default": the image's default user, configured by the image.
        }
        const sudo = entry.sudo;
        users.push({
            name: String(entry.name ?? ""),
            system: entry.system === true,
            shell: typeof entry.shell === "string" ? entry.shell : undefined,
            sudo: sudo !== undefined && sudo !== false && sudo !== null && !(Array.isArray(sudo) && sudo.length === 0),
            adminGroups: [],
            password: entry.passwd !== undefined || entry.hashed_passwd !== undefined || entry.plain_text_passwd !== undefined || entry.lock_passwd === false,
            sshKeys: Array.isArray(entry.ssh_authorized_keys) ? entry.ssh_authorized_keys.length : 0,
            source: "users",
        });
    }
    for (const command of simpleCommands(config)) {
        const words = command.split(/\s+/);
        if (words[0] !== "useradd" && words[0] !== "adduser") {
            continue;
        }
        if (adduserToGroup(words)) {
            continue; // adds an existing user to a group
        }
        const shellIndex = words.findIndex((word) => word === "-s" || word === "--shell");
        users.push({
            name: words[words.length - 1],
            system: words.includes("-r") || words.includes("--system"),
            shell: shellIndex >= 0 ? words[shellIndex + 1] : undefined,
            sudo: false,
            adminGroups: [],
            password: words.includes("-p") || words.includes("--password"),
            sshKeys: 0,
            source: "useradd",
        });
    }
    for (const { user, group } of adminMemberships(config)) {
        let found = users.filter((entry) => entry.name === user);
        if (found.length === 0) {
            const added: HostUser = { name: user, system: false, sudo: false, adminGroups: [], password: false, sshKeys: 0, source: "group" };
            users.push(added);
            found = [added];
        }
        for (const entry of found) {
            entry.sudo = true;
            if (!entry.adminGroups.includes(group)) {
                entry.adminGroups.push(group);
            }
        }
    }
    return users;
}

export const NO_LOGIN_SHELLS = ["/usr/sbin/nologin", "/sbin/nologin", "/bin/false", "/usr/bin/false"];

// --- mounts --------------------------------------------------------------------------------------

export interface Mount {
    device: string;
    mountPoint: string;
    /** The block device behind a LABEL= device, from fs_setup. */
    labelDevice?: string;
}

export function mountsOf(config: CloudConfig): Mount[] {
    const labels = new Map<string, string>();
    for (const entry of (config.fs_setup ?? []) as Record<string, unknown>[]) {
        if (typeof entry.label === "string" && typeof entry.device === "string") {
            labels.set(entry.label, entry.device);
        }
    }
    const mounts: Mount[] = [];
    for (const entry of (config.mounts ?? []) as unknown[]) {
        if (!Array.isArray(entry) || entry.length < 2 || typeof entry[0] !== "string" || typeof entry[1] !== "string") {
            continue;
        }
        const label = /^LABEL=(.+)$/.exec(entry[0])?.[1];
        mounts.push({ device: entry[0], mountPoint: entry[1], labelDevice: label ? labels.get(label) : undefined });
    }
    return mounts;
}

/** Device names a volume attached at `deviceName` may appear under (xvdf/sdf aliases). */
export function deviceAliases(deviceName: string): string[] {
    const letter = /\/dev\/(?:sd|xvd)([a-z]+)$/.exec(deviceName)?.[1];
    return letter ? [`/dev/sd${letter}`, `/dev/xvd${letter}`] : [deviceName];
}

/** The mount of the block device attached at `deviceName`, directly or by fs_setup label. */
export function mountOfDevice(config: CloudConfig, deviceName: string): Mount | undefined {
    const aliases = deviceAliases(deviceName);
    return mountsOf(config).find((mount) => aliases.includes(mount.device) || (mount.labelDevice !== undefined && aliases.includes(mount.labelDevice)));
}

// --- ownership and modes -------------------------------------------------------------------------

export interface PathAccess {
    owner?: string;
    group?: string;
    /** Octal mode ("0750") or symbolic clauses as written. */
    mode?: string;
    /** What set it, for messages. */
    how: string[];
}

function covers(target: string, path: string, recursive: boolean): boolean {
    const clean = target.replace(/\/+$/, "");
    return path === clean || (recursive && path.startsWith(`${clean}/`));
}

function applyOwner(access: PathAccess, spec: string, how: string): void {
    const [owner, group] = spec.split(/[:.]/);
    access.owner = owner || access.owner;
    access.group = group ?? access.group;
    access.how.push(how);
}

/** Paths named by a unit's *Directory= settings: StateDirectory=pbx -> /var/lib/pbx. */
const UNIT_DIRECTORIES: Record<string, string> = { StateDirectory: "/var/lib", LogsDirectory: "/var/log", CacheDirectory: "/var/cache", RuntimeDirectory: "/run", ConfigurationDirectory: "/etc" };

/**
 * Owner and mode the host gives `path` at boot, applying in order: files written by cloud-init,
 * systemd-tmpfiles lines, units' *Directory= settings, then chown/chmod/install/mkdir commands
 * (later ones win; -R applies to everything below).
 */
export function accessOf(config: CloudConfig, path: string): PathAccess {
    const access: PathAccess = { how: [] };
    const file = filesOf(config).get(path);
    if (file) {
        // cloud-init writes files as root:root 0644 unless told otherwise.
        access.owner = (file.owner ?? "root:root").split(":")[0];
        access.group = (file.owner ?? "root:root").split(":")[1] ?? access.owner;
        access.mode = file.permissions ?? "0644";
        access.how.push(`write_files ${path}`);
    }
    for (const [filePath, tmpfile] of filesOf(config).entries()) {
        if (!/^\/etc\/tmpfiles\.d\/.+\.conf$/.test(filePath)) {
            continue;
        }
        for (const line of tmpfile.content.split("\n")) {
            const [type, target, mode, user, group] = line.trim().split(/\s+/);
            if (!type || type.startsWith("#") || !target || !/^[dDvZz]$/.test(type.replace(/[!+-]/g, "")) || !covers(target, path, type.startsWith("Z"))) {
                continue;
            }
            if (mode && mode !== "-") {
                access.mode = mode;
            }
            if (user && user !== "-") {
                access.owner = user;
            }
            if (group && group !== "-") {
                access.group = group;
            }
            access.how.push(`${filePath}: ${line.trim()}`);
        }
    }
    for (const unit of unitFiles(config)) {
        const user = unit.get("Service", "User");
        for (const [setting, base] of Object.entries(UNIT_DIRECTORIES)) {
            for (const name of (unit.get("Service", setting) ?? "").split(/\s+/).filter((entry) => entry.length > 0)) {
                if (`${base}/${name}` === path) {
                    access.owner = user ?? "root";
                    access.group = unit.get("Service", "Group") ?? access.owner;
                    access.mode = unit.get("Service", `${setting}Mode`) ?? "0755";
                    access.how.push(`${unit.path}: ${setting}=${name}`);
                }
            }
        }
    }
    for (const command of simpleCommands(config)) {
        const words = command.split(/\s+/);
        const flags = words.filter((word) => word.startsWith("-"));
        const recursive = flags.some((flag) => flag === "-R" || flag === "--recursive" || (/^-[a-zA-Z]+$/.test(flag) && flag.includes("R")));
        if (words[0] === "chown") {
            const args = words.slice(1).filter((word) => !word.startsWith("-"));
            if (args.slice(1).some((target) => covers(target, path, recursive))) {
                applyOwner(access, args[0], command);
            }
        } else if (words[0] === "chmod") {
            const args = words.slice(1).filter((word) => !/^(-[Rvcf]+|--[a-z-]+)$/.test(word));
            if (args.slice(1).some((target) => covers(target, path, recursive))) {
                access.mode = args[0];
                access.how.push(command);
            }
        } else if (words[0] === "install" && (flags.includes("-d") || flags.includes("--directory"))) {
            const targets: string[] = [];
            let owner: string | undefined;
            let group: string | undefined;
            let mode: string | undefined;
            for (let index = 1; index < words.length; index += 1) {
                const word = words[index];
                if (word === "-o" || word === "--owner") {
                    owner = words[++index];
                } else if (word === "-g" || word === "--group") {
                    group = words[++index];
                } else if (word === "-m" || word === "--mode") {
                    mode = words[++index];
                } else if (!word.startsWith("-")) {
                    targets.push(word);
                }
            }
            if (targets.some((target) => covers(target, path, false))) {
                access.owner = owner ?? "root";
                access.group = group ?? access.owner;
                access.mode = mode ?? "0755";
                access.how.push(command);
            }
        } else if (words[0] === "mkdir") {
            const targets: string[] = [];
            let mode: string | undefined;
            for (let index = 1; index < words.length; index += 1) {
                if (words[index] === "-m" || words[index] === "--mode") {
                    mode = words[++index];
                } else if (!words[index].startsWith("-")) {
                    targets.push(words[index]);
                }
            }
            // mkdir changes nothing for a path that something earlier already created.
            if (targets.some((target) => covers(target, path, false)) && access.how.length === 0) {
                access.owner = "root";
                access.group = "root";
                access.mode = mode ?? "0755";
                access.how.push(command);
            }
        }
    }
    return access;
}

/** Others get no access: octal mode ending in 0, or symbolic "o-rwx" / "o=". */
export function othersDenied(mode: string | undefined): boolean {
    if (!mode) {
        return false;
    }
    if (/^[0-7]{3,4}$/.test(mode)) {
        return mode.endsWith("0");
    }
    return mode.split(",").some((clause) => /^o(-rwx|-rwX|=)$/.test(clause));
}

/** Octal mode grants nothing beyond owner read/write (600, 400, 0600). */
export function ownerOnly(mode: string | undefined): boolean {
    return mode !== undefined && /^0?[46]00$/.test(mode);
}

// --- sysctl --------------------------------------------------------------------------------------

export interface SysctlFile {
    path: string;
    settings: Map<string, string>;
}

export function sysctlFiles(config: CloudConfig): SysctlFile[] {
    return [...filesOf(config).entries()]
        .filter(([path]) => path === "/etc/sysctl.conf" || /^\/etc\/sysctl\.d\/[^/]+\.conf$/.test(path))
        .map(([path, file]) => {
            const settings = new Map<string, string>();
            for (const line of file.content.split("\n")) {
                const match = /^\s*-?\s*([a-z0-9_.\/-]+)\s*=\s*(.*?)\s*$/i.exec(line);
                if (match && !line.trim().startsWith("#") && !line.trim().startsWith(";")) {
                    settings.set(match[1].replace(/\//g, "."), match[2]);
                }
            }
            return { path, settings };
        });
}

/** Merged sysctl settings (files in lexical order, later wins, as systemd-sysctl applies them). */
export function sysctlSettings(config: CloudConfig): Map<string, { value: string; path: string }> {
    const merged = new Map<string, { value: string; path: string }>();
    for (const file of sysctlFiles(config).sort((a, b) => a.path.localeCompare(b.path))) {
        for (const [key, value] of file.settings) {
            merged.set(key, { value, path: file.path });
        }
    }
    return merged;
}

/**
 * Settings written on first boot take effect only if boot commands apply them: systemd-sysctl ran
 * before cloud-init wrote the files.
 */
export function sysctlApplied(config: CloudConfig, path: string): boolean {
    return simpleCommands(config).some((command) => /^sysctl\s+(--system|-p\s*$)/.test(command) || command === `sysctl -p ${path}` || command === `sysctl --load=${path}` || command === `sysctl --load ${path}`);
}

// --- apt -----------------------------------------------------------------------------------------

/** apt.conf settings (`A::B "value";`, lists `A::B { "v1"; "v2"; };`, nested scopes) from /etc/apt/apt.conf.d files. */
export function aptSettings(config: CloudConfig): Map<string, string[]> {
    const settings = new Map<string, string[]>();
    const files = [...filesOf(config).entries()].filter(([path]) => path.startsWith("/etc/apt/apt.conf.d/")).sort(([a], [b]) => a.localeCompare(b));
    for (const [, file] of files) {
        const text = file.content.replace(/\/\*[\s\S]*?\*\//g, "");
        const tokens = [...text.matchAll(/"([^"]*)"|(\/\/[^\n]*|#[^\n]*)|([{};])|([^\s"{};]+)/g)]
            .filter((match) => match[2] === undefined)
            .map((match) => (match[1] !== undefined ? { quoted: match[1] } : { word: match[3] ?? match[4] }));
        const scope: string[] = [];
        let key: string | undefined;
        for (const token of tokens) {
            if ("quoted" in token && token.quoted !== undefined) {
                const name = [...scope, key].filter((part) => part).join("::");
                settings.set(name, [...(key === undefined ? (settings.get(name) ?? []) : []), token.quoted]);
                if (key !== undefined) {
                    key = undefined;
                }
            } else if (token.word === "{") {
                scope.push(key ?? "");
                key = undefined;
            } else if (token.word === "}") {
                scope.pop();
            } else if (token.word === ";") {
                key = undefined;
            } else if (token.word) {
                key = token.word;
            }
        }
    }
    return settings;
}

// --- scheduled jobs ------------------------------------------------------------------------------

export interface ScheduledJob {
    /** The command the job runs. */
    command: string;
    /** "cron: 0 2 * * *" or "timer: OnCalendar=daily". */
    schedule: string;
    source: string;
}

/** Jobs run by cron files or systemd timers the document writes. */
export function scheduledJobs(config: CloudConfig): ScheduledJob[] {
    const jobs: ScheduledJob[] = [];
    for (const [path, file] of filesOf(config).entries()) {
        const system = path === "/etc/crontab" || path.startsWith("/etc/cron.d/");
        const periodic = /^\/etc\/cron\.(hourly|daily|weekly|monthly)\/[^/]+$/.exec(path);
        if (periodic) {
            jobs.push({ command: file.content, schedule: `cron: ${periodic[1]}`, source: path });
            continue;
        }
        if (!system) {
            continue;
        }
        for (const line of file.content.split("\n")) {
            const trimmed = line.trim();
            if (trimmed === "" || trimmed.startsWith("#") || /^[A-Z_]+=/.test(trimmed)) {
                continue;
            }
            const special = /^(@\w+)\s+\S+\s+(.*)$/.exec(trimmed);
            const fields = trimmed.split(/\s+/);
            if (special) {
                jobs.push({ command: special[2], schedule: `cron: ${special[1]}`, source: path });
            } else if (fields.length >= 7) {
                jobs.push({ command: fields.slice(6).join(" "), schedule: `cron: ${fields.slice(0, 5).join(" ")}`, source: path });
            }
        }
    }
    for (const { timer, service } of timers(config)) {
        const calendar = timer.all("Timer", "OnCalendar");
        const boot = [...timer.all("Timer", "OnBootSec"), ...timer.all("Timer", "OnUnitActiveSec")];
        const command = service ? service.all("Service", "ExecStart").join(" && ") : "";
        const schedule = calendar.length > 0 ? `timer: OnCalendar=${calendar.join(",")}` : boot.length > 0 ? `timer: ${boot.join(",")}` : "timer: (no schedule)";
        jobs.push({ command, schedule, source: timer.path });
    }
    return jobs;
}

/** Timers only run once enabled; cron files run as soon as they exist. */
export function jobActive(config: CloudConfig, job: ScheduledJob): boolean {
    if (!job.source.endsWith(".timer")) {
        return true;
    }
    const name = job.source.split("/").pop()!;
    return simpleCommands(config).some((command) => /^systemctl\s/.test(command) && /\benable\b/.test(command) && command.split(/\s+/).includes(name));
}

export { environmentFiles, parseUnit };

// --- files the host puts in place ------------------------------------------------------------------

/** Shell commands of a text (a script, a unit's Exec line): split on `&&`, `||`, `;` and lines, comments and a leading `sudo` dropped. */
function shellCommands(text: string): string[] {
    return text
        .split(/&&|\|\||;|\n/)
        .map((command) => command.trim().replace(/^sudo\s+/, ""))
        .filter((command) => command.length > 0 && !command.startsWith("#"));
}

function words(command: string): string[] {
    return command.split(/\s+/).map((word) => word.replace(/^["']+|["']+$/g, ""));
}

/** Shells and interpreters that run the script named as their first operand (`sh /usr/local/sbin/x`). */
const SCRIPT_RUNNERS = ["sh", "bash", "dash", "zsh", "python", "python3", "exec", ".", "source"];

/** The command runs the script at `path`: as the command itself, or through a shell or interpreter. */
function runsScript(command: string, path: string): boolean {
    const [first, ...rest] = words(command);
    if (first === path) {
        return true;
    }
    return SCRIPT_RUNNERS.includes(first.split("/").pop() ?? "") && rest.find((word) => !word.startsWith("-")) === path;
}

/** The commands of a unit's ExecStart, ExecStartPre and ExecStartPost, without systemd's prefixes (-, +, @, :, !). */
function unitStartCommands(config: CloudConfig): string[] {
    return unitFiles(config).flatMap((unit) => ["ExecStartPre", "ExecStart", "ExecStartPost"].flatMap((key) => unit.all("Service", key)).map((line) => line.replace(/^[-@:+!]+/, "").trim()));
}

/**
 * Every command the host runs at boot: runcmd and bootcmd, the start commands of the units it
 * writes, and the lines of every written script one of those runs (and of the scripts those run).
 */
export function commandsRun(config: CloudConfig): string[] {
    const commands = [...simpleCommands(config), ...unitStartCommands(config).flatMap(shellCommands)];
    const pending = new Map(filesOf(config));
    for (let found = true; found; ) {
        found = false;
        for (const [path, file] of pending) {
            if (commands.some((command) => runsScript(command, path))) {
                commands.push(...shellCommands(file.content));
                pending.delete(path);
                found = true;
            }
        }
    }
    return commands;
}

/** Options of cp, mv and install that take the next word as their argument. */
const OPTION_ARGUMENTS = ["-m", "--mode", "-o", "--owner", "-g", "--group", "-S", "--suffix", "-t", "--target-directory"];

/**
 * Paths a cp, mv or install command writes: its destination operand (the last one), or, when that
 * is a directory (`-t DIR`, a trailing slash, several sources), the sources' names in it.
 * install -d creates directories, not files.
 */
function copyDestinations(command: string): string[] {
    const [first, ...args] = words(command);
    const tool = first.split("/").pop();
    if (!["cp", "mv", "install"].includes(tool ?? "")) {
        return [];
    }
    const operands: string[] = [];
    let directory: string | undefined;
    let creatingDirectories = false;
    for (let index = 0; index < args.length; index += 1) {
        const word = args[index];
        if (word === "--") {
            operands.push(...args.slice(index + 1));
            break;
        }
        if (OPTION_ARGUMENTS.includes(word)) {
            if (word === "-t" || word === "--target-directory") {
                directory = args[index + 1];
            }
            index += 1;
        } else if (word.startsWith("--target-directory=")) {
            directory = word.slice("--target-directory=".length);
        } else if (word.startsWith("-") && word.length > 1) {
            creatingDirectories ||= tool === "install" && (word === "--directory" || (/^-[a-zA-Z]+$/.test(word) && word.includes("d")));
        } else {
            operands.push(word);
        }
    }
    if (creatingDirectories) {
        return [];
    }
    const inDirectory = (dir: string, sources: string[]) => sources.map((source) => `${dir.replace(/\/+$/, "")}/${source.split("/").pop()}`);
    if (directory !== undefined) {
        return inDirectory(directory, operands);
    }
    if (operands.length < 2) {
        return [];
    }
    const destination = operands[operands.length - 1];
    const sources = operands.slice(0, -1);
    return destination.endsWith("/") || sources.length > 1 ? inDirectory(destination, sources) : [destination];
}

/** The command writes `path`: as the destination of cp, mv or install, as a tee argument, or by redirecting output (> or >>) into it. */
function writesFile(command: string, path: string): boolean {
    const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    if (new RegExp(`>>?\\s*["']?${escaped}["']?(\\s|$)`).test(command)) {
        return true;
    }
    return command.split("|").some((stage) => {
        const [first, ...args] = words(stage.trim());
        if (first === "tee" || first.endsWith("/tee")) {
            return args.some((word) => word === path);
        }
        return copyDestinations(stage.trim()).includes(path);
    });
}

/**
 * Something the host runs at boot puts a file at `path`: write_files, or a command it runs
 * (runcmd, bootcmd, a unit's ExecStart/ExecStartPre/ExecStartPost, or a written script one of
 * those executes) whose destination is the path: the last operand of cp, mv or install, a tee
 * argument, or a `>`/`>>` redirection. A path only read (a cp source, an openssl -in), named in a
 * comment, or written by a script nothing runs does not count.
 */
export function provisionsFile(config: CloudConfig, path: string): boolean {
    return filesOf(config).has(path) || commandsRun(config).some((command) => writesFile(command, path));
}

// --- symbolic links ------------------------------------------------------------------------------

/** Links boot commands create: `ln -s[f][n] TARGET LINK` -> LINK => TARGET. */
export function symlinksOf(config: CloudConfig): Map<string, string> {
    const links = new Map<string, string>();
    for (const command of simpleCommands(config)) {
        const words = command.split(/\s+/);
        if (words[0] !== "ln" || !words.slice(1).some((word) => /^-[a-zA-Z]*s/.test(word) || word === "--symbolic")) {
            continue;
        }
        const args = words.slice(1).filter((word) => !word.startsWith("-"));
        if (args.length === 2) {
            links.set(args[1].replace(/\/+$/, ""), args[0].replace(/\/+$/, ""));
        }
    }
    return links;
}

/** The path with every symlinked prefix replaced by its target (at most 10 hops). */
export function resolvePath(config: CloudConfig, path: string): string {
    const links = symlinksOf(config);
    let current = path.replace(/\/+$/, "");
    for (let hop = 0; hop < 10; hop += 1) {
        const prefix = [...links.keys()].filter((link) => current === link || current.startsWith(`${link}/`)).sort((a, b) => b.length - a.length)[0];
        if (!prefix) {
            return current;
        }
        current = `${links.get(prefix)}${current.slice(prefix.length)}`;
    }
    return current;
}

// --- credentials in the user data ------------------------------------------------------------------

export interface UserDataCredential {
    /** The file's path, or "runcmd line 3" / "bootcmd line 1". */
    where: string;
    key: string;
    value: string;
    /** The command, when a command carries it. */
    command?: string;
    /** A password hash (users' passwd, chpasswd type hash): not the password, but anyone who reads the user data can crack it offline. */
    hashed?: boolean;
}

/** What cloud-init (cc_set_passwords) takes for a crypt(3) hash in chpasswd's list: anything else is a plaintext password. */
const CRYPT_HASH = /^\$(1|2a|2y|5|6)(\$.+){2}/;
/** Passwords cloud-init generates itself. */
const RANDOM_PASSWORD = ["R", "RANDOM"];

/**
 * Passwords cloud-init sets from the document: users' plain_text_passwd (plaintext) and passwd /
 * hashed_passwd (hashes); chpasswd.users entries (type text, or hash, the default; RANDOM is
 * generated); the deprecated chpasswd.list ("user:password" lines, hashes told by cloud-init's
 * pattern, R and RANDOM generated); and the top-level password, the default user's when chpasswd names no one.
 */
function cloudInitPasswords(config: CloudConfig): UserDataCredential[] {
    const found: UserDataCredential[] = [];
    const add = (where: string, user: unknown, value: unknown, hashed: boolean) => {
        if (typeof value === "string" && value !== "") {
            found.push({ where: `cloud-init ${where}`, key: `${String(user ?? "the default user")}'s password`, value, ...(hashed ? { hashed } : {}) });
        }
    };
    (config.users ?? []).forEach((entry, index) => {
        if (entry && typeof entry === "object") {
            add(`users[${index}] (plain_text_passwd)`, entry.name, entry.plain_text_passwd, false);
            add(`users[${index}] (passwd)`, entry.name, entry.passwd, true);
            add(`users[${index}] (hashed_passwd)`, entry.name, entry.hashed_passwd, true);
        }
    });
    const chpasswd = (config.chpasswd ?? {}) as Record<string, unknown>;
    const users = Array.isArray(chpasswd.users) ? (chpasswd.users as Record<string, unknown>[]) : [];
    users.forEach((entry, index) => {
        const type = entry.type ?? "hash";
        if (type !== "RANDOM" && !RANDOM_PASSWORD.includes(String(entry.password))) {
            add(`chpasswd.users[${index}]`, entry.name, entry.password, type !== "text");
        }
    });
    const list = Array.isArray(chpasswd.list) ? chpasswd.list.map(String) : typeof chpasswd.list === "string" ? chpasswd.list.split("\n") : [];
    list.forEach((line, index) => {
        const separator = line.indexOf(":");
        const [user, password] = separator < 0 ? [line, ""] : [line.slice(0, separator).trim(), line.slice(separator + 1).trim()];
        if (!RANDOM_PASSWORD.includes(password)) {
            add(`chpasswd.list line ${index + 1}`, user, password, CRYPT_HASH.test(password) && !password.includes(":"));
        }
    });
    if (users.length === 0 && list.length === 0 && typeof config.password === "string" && !RANDOM_PASSWORD.includes(config.password)) {
        add("password", undefined, config.password, CRYPT_HASH.test(config.password));
    }
    return found;
}

/** `--password VALUE`-style flags, whose value is the next word. */
const CREDENTIAL_FLAG = /^--?[A-Za-z0-9_.-]*(?:password|passwd|secret|token|api[-_]?key)[A-Za-z0-9_-]*$/i;

/** Credential assignments in one shell command: `echo X_PASSWORD=v >> f`, `PGPASSWORD=v psql`, `--password v`, heredoc lines. */
function commandCredentials(command: string): { key: string; value: string }[] {
    const words = command.split(/[\s;|&()<>]+/).map((word) => word.replace(/^["']+|["']+$/g, ""));
    const assignments = words.map((word, index) => (CREDENTIAL_FLAG.test(word) && words[index + 1] !== undefined && !words[index + 1].startsWith("-") ? `${word}=${words[index + 1]}` : word));
    const found = [...literalCredentials(command), ...literalCredentials(assignments.join("\n"))];
    // A shell expansion ($VAR, $(aws secretsmanager ...), `...`) is a reference, not a literal.
    const literal = found.filter((entry) => !/^[$`]/.test(entry.value));
    return literal.filter((entry, index) => literal.findIndex((other) => other.key === entry.key && other.value === entry.value) === index);
}

/**
 * Every credential with a literal value in the user data, which anyone allowed
 * ec2:DescribeInstanceAttribute can read: the passwords cloud-init sets (users, chpasswd,
 * password; hashes marked hashed), and assignments in the files it writes and in its boot
 * commands (runcmd, bootcmd).
 */
export function userDataCredentials(config: CloudConfig): UserDataCredential[] {
    const found: UserDataCredential[] = cloudInitPasswords(config);
    for (const [path, file] of filesOf(config)) {
        found.push(...literalCredentials(file.content).map((entry) => ({ where: path, ...entry })));
    }
    for (const section of ["bootcmd", "runcmd"] as const) {
        (config[section] ?? []).forEach((line, index) => {
            const command = Array.isArray(line) ? line.join(" ") : line;
            found.push(...commandCredentials(command).map((entry) => ({ where: `${section} line ${index + 1}`, ...entry, command })));
        });
    }
    return found;
}

/** The command with the credential values blanked out, for messages. */
export function redacted(command: string, credentials: { value: string }[]): string {
    return credentials.reduce((text, { value }) => text.split(value).join("***"), command);
}
