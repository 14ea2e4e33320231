import ArgumentParser
import ClusterContext
import Verification

/// Where the expectations come from: a YAML file and/or the one-liner short forms.
struct VerifyExpectationOptions: ParsableArguments {
    @Option(name: .customLong("expect"), help: ArgumentHelp("The expectations file (YAML; schema in Schemas/expectations.schema.json).", valueName: "file"))
    var expectationsPath: String?

    @Option(name: .customLong("expect-mode"), help: ArgumentHelp("Every pod-to-pod flow between nodes has this mode (ipip, vxlan, direct, wireguard, …).", valueName: "mode"))
    var mode: String?

    @Option(name: .customLong("expect-pool"), help: ArgumentHelp("The pool settings the capture must show: ipipMode=VALUE[,vxlanMode=VALUE].", valueName: "settings"))
    var pool: String?

    @Option(name: .customLong("min-pod-flows"), help: ArgumentHelp("At least this many pod-to-pod flows.", valueName: "count"))
    var minimumPodFlows: Int?

    @Flag(name: .customLong("no-unanswered"), help: "No pod-to-pod flow may go unanswered.")
    var noUnanswered = false

    @Option(name: .customLong("cluster"), help: ArgumentHelp("A cluster file (kubectl get pods -A -o wide, kubectl get nodes -o yaml, calicoctl get ippool -o yaml) for pod and node names. Repeatable.", valueName: "file"))
    var clusterPaths: [String] = []

    var shortForms: ShortFormExpectations {
        ShortFormExpectations(mode: mode, pool: pool, minimumPodFlows: minimumPodFlows, noUnanswered: noUnanswered)
    }

    func validate() throws {
        guard expectationsPath != nil || !shortForms.isEmpty else {
            throw ValidationError(
                "nothing to verify: give --expect FILE, or --expect-mode, --expect-pool, --min-pod-flows, --no-unanswered")
        }
    }

    /// The file (if any) with the short forms applied.
    func load() throws(ExpectationsError) -> Expectations {
        let base = try expectationsPath.map { path throws(ExpectationsError) in try ExpectationsLoader.load(path: path) } ?? Expectations()
        return try shortForms.applied(to: base)
    }

    /// The `--cluster` files merged (nil without any); a bad file is a usage error.
    func loadCluster() throws(ClusterFileError) -> ClusterContext? {
        clusterPaths.isEmpty ? nil : try ClusterContextLoader.loadContext(paths: clusterPaths)
    }

    /// Names from the cluster files, or none without them.
    func resolver(_ cluster: ClusterContext?) -> any NameResolver {
        cluster.map { ClusterNameResolver(context: $0) } ?? NoClusterContext()
    }
}
