import Wire
import Verification

/// A `NameResolver` over fixed tables: what the cluster-context conformance will provide from
/// pods-wide.txt and nodes.yaml (test support).
struct TableResolver: NameResolver {
    var pods: [(pod: PodIdentity, address: IPAddress)]
    var nodes: [(name: String, address: IPAddress)]

    static let lab = TableResolver(
        pods: [
            (PodIdentity(namespace: "default", name: "w1-p0", nodeName: "w1"), IPAddress("172.16.158.1")!),
            (PodIdentity(namespace: "default", name: "w2-p0", nodeName: "w2"), IPAddress("172.16.184.1")!),
            (PodIdentity(namespace: "default", name: "w0-p0", nodeName: "w0"), IPAddress("172.16.34.1")!),
        ],
        nodes: [
            ("w1", IPAddress("192.168.10.101")!), ("w2", IPAddress("192.168.10.102")!), ("w0", IPAddress("192.168.20.100")!),
        ])

    func addresses(ofPod name: String, namespace: String?) -> [IPAddress]? {
        pods.filter { $0.pod.name == name && (namespace == nil || $0.pod.namespace == namespace) }.map(\.address)
    }

    func addresses(ofNode name: String) -> [IPAddress]? {
        nodes.filter { $0.name == name }.map(\.address)
    }

    func pod(at address: IPAddress) -> PodIdentity? { pods.first { $0.address == address }?.pod }
    func nodeName(at address: IPAddress) -> String? { nodes.first { $0.address == address }?.name }
    var missingContextAdvice: String { "" }
}
