// EC2 (and RDS db.*) instance sizes, from AWS's published specifications, for the families the
// kit and its users are likely to pick. "Cores" in both checklists means physical cores: on
// Intel and most AMD x86 families a vCPU is a hyperthread (2 per core); on Graviton and on the
// 7th-generation AMD families (m7a, c7a, r7a) a vCPU is a whole core. Config validation and the
// sizing rules both read this table, so they cannot disagree.

export interface InstanceSize {
    vcpus: number;
    /** Physical cores: vcpus / threads per core. */
    cores: number;
    memoryGiB: number;
    /** Graviton families run arm64 images, the rest x86_64. */
    architecture: "x86_64" | "arm64";
}

const SIZES: Record<string, number> = {
    large: 2,
    xlarge: 4,
    "2xlarge": 8,
    "4xlarge": 16,
    "8xlarge": 32,
    "12xlarge": 48,
    "16xlarge": 64,
    "24xlarge": 96,
};

/** Family -> GiB of memory per vCPU and threads per core. */
const FAMILIES: Record<string, { memoryPerVcpu: number; threadsPerCore: number }> = {
    c6i: { memoryPerVcpu: 2, threadsPerCore: 2 },
    c7i: { memoryPerVcpu: 2, threadsPerCore: 2 },
    m6i: { memoryPerVcpu: 4, threadsPerCore: 2 },
    m7i: { memoryPerVcpu: 4, threadsPerCore: 2 },
    r6i: { memoryPerVcpu: 8, threadsPerCore: 2 },
    r7i: { memoryPerVcpu: 8, threadsPerCore: 2 },
    c6a: { memoryPerVcpu: 2, threadsPerCore: 2 },
    m6a: { memoryPerVcpu: 4, threadsPerCore: 2 },
    r6a: { memoryPerVcpu: 8, threadsPerCore: 2 },
    c7a: { memoryPerVcpu: 2, threadsPerCore: 1 },
    m7a: { memoryPerVcpu: 4, threadsPerCore: 1 },
    r7a: { memoryPerVcpu: 8, threadsPerCore: 1 },
    c6g: { memoryPerVcpu: 2, threadsPerCore: 1 },
    c7g: { memoryPerVcpu: 2, threadsPerCore: 1 },
    m6g: { memoryPerVcpu: 4, threadsPerCore: 1 },
    m7g: { memoryPerVcpu: 4, threadsPerCore: 1 },
    r6g: { memoryPerVcpu: 8, threadsPerCore: 1 },
    r7g: { memoryPerVcpu: 8, threadsPerCore: 1 },
};

/** Burstable types do not fit the regular pattern. */
const BURSTABLE: Record<string, InstanceSize> = {
    "t3.micro": { vcpus: 2, cores: 1, memoryGiB: 1, architecture: "x86_64" },
    "t3.small": { vcpus: 2, cores: 1, memoryGiB: 2, architecture: "x86_64" },
    "t3.medium": { vcpus: 2, cores: 1, memoryGiB: 4, architecture: "x86_64" },
    "t3.large": { vcpus: 2, cores: 1, memoryGiB: 8, architecture: "x86_64" },
    "t3.xlarge": { vcpus: 4, cores: 2, memoryGiB: 16, architecture: "x86_64" },
    "t3.2xlarge": { vcpus: 8, cores: 4, memoryGiB: 32, architecture: "x86_64" },
    "t4g.micro": { vcpus: 2, cores: 2, memoryGiB: 1, architecture: "arm64" },
    "t4g.small": { vcpus: 2, cores: 2, memoryGiB: 2, architecture: "arm64" },
    "t4g.medium": { vcpus: 2, cores: 2, memoryGiB: 4, architecture: "arm64" },
    "t4g.large": { vcpus: 2, cores: 2, memoryGiB: 8, architecture: "arm64" },
    "t4g.xlarge": { vcpus: 4, cores: 4, memoryGiB: 16, architecture: "arm64" },
    "t4g.2xlarge": { vcpus: 8, cores: 8, memoryGiB: 32, architecture: "arm64" },
};

/** The size of an instance type ("m7i.2xlarge", or an RDS class "db.r7g.xlarge"), if known. */
export function instanceSize(instanceType: string): InstanceSize | undefined {
    const type = instanceType.replace(/^db\./, "");
    if (BURSTABLE[type]) {
        return BURSTABLE[type];
    }
    const [family, size] = type.split(".");
    const shape = FAMILIES[family];
    const vcpus = SIZES[size];
    if (!shape || !vcpus) {
        return undefined;
    }
    return { vcpus, cores: vcpus / shape.threadsPerCore, memoryGiB: vcpus * shape.memoryPerVcpu, architecture: /g$/.test(family) ? "arm64" : "x86_64" };
}

export const KNOWN_FAMILIES = [...Object.keys(FAMILIES), "t3", "t4g"];
