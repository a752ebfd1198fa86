// Which log groups a PBX host's CloudWatch agent ships which files to.
import { PolicyResource } from "@pulumi/policy";
import { CloudConfig } from "../../../lib/cloud-init";
import { AgentLogFile } from "../../../lib/cloudwatch-agent";
import { globCovers, logGroupNamed } from "../../../lib/logs";
import { runningAgent } from "../../monitoring";

export interface Shipment {
    file: AgentLogFile;
    group?: PolicyResource;
}

/** The agent's collect_list entries, each with the log group of the program it names (if any). */
export function shipments(resources: PolicyResource[], config: CloudConfig): Shipment[] | string {
    const agent = runningAgent(config);
    if (typeof agent === "string") {
        return agent;
    }
    return agent.logs.map((file) => ({ file, group: file.logGroupName ? logGroupNamed(resources, file.logGroupName) : undefined }));
}

/** Shipments whose file_path covers the given log file. */
export function shipmentsOf(all: Shipment[], logFile: string): Shipment[] {
    return all.filter((shipment) => shipment.file.filePath === logFile || globCovers(shipment.file.filePath, logFile));
}
