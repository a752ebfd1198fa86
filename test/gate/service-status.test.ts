// The mock engine's state for Kubernetes Services: a Service of type LoadBalancer gets the
// balancer's host name the cloud provider would report, so that programs reading
// status.loadBalancer.ingress[0].hostname (e.g. into a host's user data) run as in an update.
import * as pulumi from "@pulumi/pulumi";
import { Service } from "@pulumi/kubernetes/core/v1/service";
import { mockState } from "../../gate/mocks/state";
import { RecordingSession, UNKNOWN } from "../../gate/program";
import { named, recordingMocks } from "../helpers/mocks";

const SERVICE = "kubernetes:core/v1:Service";
const annotations = { "service.beta.kubernetes.io/aws-load-balancer-type": "nlb", "service.beta.kubernetes.io/aws-load-balancer-internal": "true" };
const inputs = { metadata: { name: "api-gateway", namespace: "voiceassist", annotations }, spec: { type: "LoadBalancer", ports: [{ port: 443 }] } };

describe("mockState for kubernetes:core/v1:Service", () => {
    it("reports an internal balancer's host name, deterministic per resource, in the Service's region", () => {
        const { state } = mockState(SERVICE, "voiceassist-workloads-api-gateway", inputs, "eu-central-1");
        const hostname = (state.status as { loadBalancer: { ingress: { hostname: string }[] } }).loadBalancer.ingress[0].hostname;
        expect(hostname).toMatch(/^internal-api-gateway-[0-9a-f]{16}\.elb\.eu-central-1\.amazonaws\.com$/);
        expect(mockState(SERVICE, "voiceassist-workloads-api-gateway", inputs, "eu-central-1").state.status).toEqual(state.status);
        expect(mockState(SERVICE, "other-api-gateway", inputs, "eu-central-1").state.status).not.toEqual(state.status);
        // The inputs are echoed as they were.
        expect(state.metadata).toEqual(inputs.metadata);
        expect(state.spec).toEqual(inputs.spec);
    });

    it("names an internet-facing balancer without the internal- prefix", () => {
        const { state } = mockState(SERVICE, "web", { metadata: { name: "web" }, spec: { type: "LoadBalancer" } }, "us-east-1");
        expect((state.status as { loadBalancer: { ingress: { hostname: string }[] } }).loadBalancer.ingress[0].hostname).toMatch(/^web-[0-9a-f]{16}\.elb\.us-east-1\.amazonaws\.com$/);
    });

    it("gives other Services no status", () => {
        expect(mockState(SERVICE, "internal", { metadata: { name: "internal" }, spec: { type: "ClusterIP" } }, "us-east-1").state.status).toBeUndefined();
        expect(mockState(SERVICE, "plain", { metadata: { name: "plain" }, spec: {} }, "us-east-1").state.status).toBeUndefined();
    });
});

describe("a LoadBalancer Service in a first preview", () => {
    let session: RecordingSession;
    let hostname: pulumi.Output<string>;

    beforeAll(async () => {
        session = await recordingMocks({}, { preview: true });
        const service = new Service("api", { metadata: { name: "api", annotations }, spec: { type: "LoadBalancer", selector: { app: "api" }, ports: [{ port: 443 }] } });
        hostname = service.status.apply((status) => status.loadBalancer.ingress[0].hostname);
        await session.settle();
    });

    it("has no known status: the balancer does not exist yet", async () => {
        expect(named(session, SERVICE, "api").properties.status).toBe(UNKNOWN);
        expect(await (hostname as unknown as { isKnown: Promise<boolean> }).isKnown).toBe(false);
    });
});
