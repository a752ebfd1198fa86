// Answers for the provider functions real programs call while they build their resources. Each
// answer is what AWS would return for the fictitious account of ./identity; an invoke without an
// answer here stops the gate with an error naming its token, rather than guessing.
import { ACCOUNT_ID, digest } from "./identity";

type Args = Record<string, unknown>;
type Answer = (args: Args, region: string) => Record<string, unknown>;

function zones(region: string): string[] {
    return ["a", "b", "c"].map((suffix) => `${region}${suffix}`);
}

/** Public parameters AWS publishes under /aws/service/ (Canonical's Ubuntu AMIs, Amazon Linux, ...). */
function ssmParameter(args: Args, region: string): Record<string, unknown> {
    const name = String(args.name);
    if (!name.startsWith("/aws/service/")) {
        throw new UnansweredInvokeError("aws:ssm/getParameter:getParameter", `parameter ${name} is private to the account; only public /aws/service/ parameters have an offline answer`);
    }
    const value = /\/ami|image/.test(name) ? `ami-${digest(region, name).slice(0, 17)}` : `mock-${digest(name).slice(0, 12)}`;
    return { id: name, name, value, insecureValue: value, type: "String", version: 1, arn: `arn:aws:ssm:${region}::parameter${name}`, withDecryption: args.withDecryption ?? true };
}

function ami(args: Args, region: string): Record<string, unknown> {
    const filters = (args.filters as { name: string; values: string[] }[] | undefined) ?? [];
    const pattern = filters.find((filter) => filter.name === "name")?.values[0] ?? "image-*";
    const name = pattern.replace(/\*/g, "20261101");
    const id = `ami-${digest(region, pattern).slice(0, 17)}`;
    const owners = (args.owners as string[] | undefined) ?? [ACCOUNT_ID];
    return { id, imageId: id, name, ownerId: owners[0], architecture: "x86_64", rootDeviceName: "/dev/sda1", rootDeviceType: "ebs", virtualizationType: "hvm", state: "available", mostRecent: args.mostRecent ?? false, owners, filters };
}

interface PolicyStatementArgs {
    sid?: string;
    effect?: string;
    actions?: string[];
    notActions?: string[];
    resources?: string[];
    notResources?: string[];
    principals?: { type: string; identifiers: string[] }[];
    conditions?: { test: string; variable: string; values: string[] }[];
}

function single<T>(values: T[]): T | T[] {
    return values.length === 1 ? values[0] : values;
}

/** The IAM policy JSON the AWS provider renders from statement blocks. */
function policyDocument(args: Args): Record<string, unknown> {
    const statements = ((args.statements as PolicyStatementArgs[] | undefined) ?? []).map((statement) => {
        const rendered: Record<string, unknown> = {};
        if (statement.sid) rendered.Sid = statement.sid;
        rendered.Effect = statement.effect ?? "Allow";
        if (statement.actions) rendered.Action = single(statement.actions);
        if (statement.notActions) rendered.NotAction = single(statement.notActions);
        if (statement.resources) rendered.Resource = single(statement.resources);
        if (statement.notResources) rendered.NotResource = single(statement.notResources);
        if (statement.principals) {
            const principals: Record<string, unknown> = {};
            for (const principal of statement.principals) principals[principal.type] = single(principal.identifiers);
            rendered.Principal = principals;
        }
        if (statement.conditions) {
            const conditions: Record<string, Record<string, unknown>> = {};
            for (const condition of statement.conditions) {
                conditions[condition.test] = { ...(conditions[condition.test] ?? {}), [condition.variable]: single(condition.values) };
            }
            rendered.Condition = conditions;
        }
        return rendered;
    });
    const document = { Version: (args.version as string | undefined) ?? "2012-10-17", Statement: statements };
    const json = JSON.stringify(document, null, 2);
    return { id: digest(json).slice(0, 10), json, minifiedJson: JSON.stringify(document), statements: args.statements ?? [] };
}

const ANSWERS: Record<string, Answer> = {
    "aws:index/getRegion:getRegion": (_args, region) => ({ id: region, name: region, region, endpoint: `ec2.${region}.amazonaws.com`, description: region }),
    "aws:index/getAvailabilityZones:getAvailabilityZones": (_args, region) => ({
        id: region,
        names: zones(region),
        zoneIds: zones(region).map((_zone, index) => `use1-az${index + 1}`),
        groupNames: [region],
        state: "available",
    }),
    "aws:index/getCallerIdentity:getCallerIdentity": () => ({ id: ACCOUNT_ID, accountId: ACCOUNT_ID, arn: `arn:aws:iam::${ACCOUNT_ID}:user/readiness-gate`, userId: "AIDAREADINESSGATE" }),
    "aws:index/getPartition:getPartition": () => ({ id: "aws", partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" }),
    "aws:ssm/getParameter:getParameter": ssmParameter,
    "aws:ec2/getAmi:getAmi": ami,
    "aws:iam/getPolicyDocument:getPolicyDocument": policyDocument,
    // A secret's value cannot be known offline: the answer is a placeholder of the same shape as
    // the JSON credentials RDS keeps in the secrets it manages.
    "aws:secretsmanager/getSecretVersion:getSecretVersion": (args) => {
        const secretId = String(args.secretId);
        return {
            id: `${secretId}|AWSCURRENT`,
            arn: secretId,
            secretId,
            versionId: digest("version", secretId).slice(0, 32),
            versionStage: "AWSCURRENT",
            versionStages: ["AWSCURRENT"],
            secretString: JSON.stringify({ username: "offline-placeholder", password: `offline-${digest("password", secretId).slice(0, 24)}` }),
        };
    },
    "aws:route53/getZone:getZone": (args) => {
        const name = String(args.name ?? "example.com").replace(/\.$/, "");
        const zoneId = String(args.zoneId ?? `Z${digest(name).slice(0, 20).toUpperCase()}`);
        return { id: zoneId, zoneId, name, privateZone: args.privateZone ?? false, nameServers: ["ns-1.awsdns-01.org"] };
    },
};

export class UnansweredInvokeError extends Error {
    constructor(
        readonly token: string,
        detail: string,
    ) {
        super(`invoke '${token}' has no offline answer: ${detail}`);
        this.name = "UnansweredInvokeError";
    }
}

export function answerInvoke(token: string, args: Args, region: string): Record<string, unknown> {
    const answer = ANSWERS[token];
    if (!answer) {
        throw new UnansweredInvokeError(token, "the gate answers region, availability zones, caller identity, partition, public SSM parameters, AMI lookups, IAM policy documents, Route 53 zones and (placeholder) secret versions");
    }
    return answer(args, region);
}

export const ANSWERED_INVOKES = Object.keys(ANSWERS);
