import { ECR_REPOSITORY } from "../../../lib/datastores";
import { describeObject, mainContainers } from "../../../lib/kubernetes";
import { ofType } from "../../../lib/resources";
import { automatedRule } from "../../../lib/rule";
import { appWorkloads } from "../../voiceassist";
import { INSPECTOR } from "./vulnerability-scanning";

export default automatedRule({
    name: "container-scanning",
    items: ["VA-11.5.5"],
    description:
        "Container images are scanned: the application's images come from ECR (<account>.dkr.ecr.<region>.amazonaws.com/...), every ECR repository of the program scans on push (imageScanningConfiguration.scanOnPush) or Inspector scans ECR continuously, and repositories keep tags immutable.",
    severity: "high",
    remediationSteps: "The kit creates ECR repositories with scanOnPush and IMMUTABLE tags. In your own program, set imageScanningConfiguration {scanOnPush: true} and imageTagMutability IMMUTABLE, and pull app images from them.",
    validate: ({ resources, report }) => {
        const repositories = ofType(resources, ECR_REPOSITORY);
        const inspector = ofType(resources, INSPECTOR).some((enabler) => ((enabler.props.resourceTypes ?? []) as unknown[]).includes("ECR"));
        if (repositories.length === 0) {
            report("no ECR repository holds the application's images");
        }
        for (const repository of repositories) {
            const scan = ((repository.props.imageScanningConfiguration ?? {}) as Record<string, unknown>).scanOnPush === true;
            if (!scan && !inspector) {
                report("does not scan images on push, and Inspector does not scan ECR", repository);
            }
            if (repository.props.imageTagMutability !== "IMMUTABLE" && repository.props.imageTagMutability !== "IMMUTABLE_WITH_EXCLUSION") {
                report("lets tags be overwritten (imageTagMutability), so a scanned image can be replaced", repository);
            }
        }
        for (const workload of appWorkloads(resources)) {
            for (const container of mainContainers(workload)) {
                if (!/^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com\//.test(String(container.spec.image ?? ""))) {
                    report(`${describeObject(workload)} runs ${String(container.spec.image)}, not an image from ECR where it is scanned`, workload);
                }
            }
        }
    },
});
