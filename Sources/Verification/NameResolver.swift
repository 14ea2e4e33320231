import Wire

/// Turns pod and node names into addresses and back. The cluster-context work (kubectl and
/// calicoctl files given with `--cluster`) conforms to it; until then `NoClusterContext` is used.
///
/// A lookup returns nil when the resolver has no file that could answer (verification then
/// stops with a usage error naming what is missing), and an empty array when it has the file and
/// the name is not in it.
public protocol NameResolver: Sendable {
    /// The addresses of a pod; `namespace` nil matches the name in any namespace.
    func addresses(ofPod name: String, namespace: String?) -> [IPAddress]?
    /// The addresses of a node (internal addresses, tunnel addresses).
    func addresses(ofNode name: String) -> [IPAddress]?
    /// The pod at an address, for evidence and node selectors.
    func pod(at address: IPAddress) -> PodIdentity?
    /// The node name at an address (its own address or a tunnel address).
    func nodeName(at address: IPAddress) -> String?
    /// What to give to make names resolvable, said when a lookup returned nil.
    var missingContextAdvice: String { get }
}
