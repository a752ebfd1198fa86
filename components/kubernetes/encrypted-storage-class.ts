// The storage every stateful workload uses: gp3 EBS volumes encrypted with a customer key,
// retained when their claim is deleted, tagged so that AWS Backup picks them up.
import * as pulumi from "@pulumi/pulumi";
import { StorageClass } from "@pulumi/kubernetes/storage/v1/storageClass";

export interface EncryptedStorageClassArgs {
    readonly name: string;
    readonly kmsKeyArn: pulumi.Input<string>;
    /** Tag given to each volume, selected by the backup plan. */
    readonly backupTag: { readonly key: string; readonly value: string };
    readonly labels: Record<string, string>;
}

export class EncryptedStorageClass extends pulumi.ComponentResource {
    readonly name: pulumi.Output<string>;

    constructor(name: string, args: EncryptedStorageClassArgs, opts?: pulumi.ComponentResourceOptions) {
        super("readiness:kubernetes:EncryptedStorageClass", name, {}, opts);
        const storageClass = new StorageClass(
            `${name}-class`,
            {
                metadata: { name: args.name, labels: args.labels, annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
                provisioner: "ebs.csi.aws.com",
                parameters: { type: "gp3", encrypted: "true", kmsKeyId: args.kmsKeyArn, tagSpecification_1: `${args.backupTag.key}=${args.backupTag.value}` },
                reclaimPolicy: "Retain",
                allowVolumeExpansion: true,
                volumeBindingMode: "WaitForFirstConsumer",
            },
            { parent: this },
        );
        this.name = storageClass.metadata.name;
        this.registerOutputs({ name: this.name });
    }
}
