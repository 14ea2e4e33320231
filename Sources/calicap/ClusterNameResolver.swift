import ClusterContext
import Verification
import Wire

/// `calicap verify`'s names from the `--cluster` files: pods by `namespace/name` (or name alone),
/// nodes by name. A lookup the files cannot answer at all (no pods file for a pod selector, no
/// nodes file for a node selector) is nil, so verification says which file is missing.
struct ClusterNameResolver: NameResolver {
    let context: ClusterContext

    func addresses(ofPod name: String, namespace: String?) -> [IPAddress]? {
        guard !context.pods.isEmpty else { return nil }
        return context.pods.filter { $0.name == name && (namespace == nil || $0.namespace == namespace) }
            .flatMap(\.addresses)
    }

    func addresses(ofNode name: String) -> [IPAddress]? {
        guard !context.nodes.isEmpty else { return nil }
        return context.node(named: name)?.addresses ?? []
    }

    func pod(at address: IPAddress) -> PodIdentity? {
        context.pod(at: address).map { PodIdentity(namespace: $0.namespace, name: $0.name, nodeName: $0.nodeName) }
    }

    func nodeName(at address: IPAddress) -> String? {
        context.node(at: address)?.name ?? context.node(hostingPodAt: address)?.name
    }

    var missingContextAdvice: String {
        context.pods.isEmpty
            ? "give the pods with --cluster (kubectl get pods -A -o wide, or -o yaml)"
            : "give the nodes with --cluster (kubectl get nodes -o yaml)"
    }
}
