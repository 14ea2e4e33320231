import Wire

/// The resolver used without cluster files: it resolves nothing, and says a `--cluster` file is
/// needed.
public struct NoClusterContext: NameResolver {
    public var advice: String

    public init(
        advice: String = "give the cluster's files with --cluster (kubectl get pods -A -o wide, kubectl get nodes -o yaml)"
    ) {
        self.advice = advice
    }

    public func addresses(ofPod name: String, namespace: String?) -> [IPAddress]? { nil }
    public func addresses(ofNode name: String) -> [IPAddress]? { nil }
    public func pod(at address: IPAddress) -> PodIdentity? { nil }
    public func nodeName(at address: IPAddress) -> String? { nil }
    public var missingContextAdvice: String { advice }
}
