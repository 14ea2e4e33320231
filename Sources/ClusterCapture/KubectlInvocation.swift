/// The kubectl command lines a cluster capture runs, as argument lists (no shell in between).
public struct KubectlInvocation: Sendable, Equatable {
    /// `--kubectl`: a path, or a name looked up in PATH.
    public var executable: String
    /// `--context`: the kubeconfig context; nil is kubectl's current one.
    public var context: String?
    /// `--namespace`: where the debug pods are made; nil is the context's namespace.
    public var namespace: String?

    public init(executable: String = "kubectl", context: String? = nil, namespace: String? = nil) {
        self.executable = executable
        self.context = context
        self.namespace = namespace
    }

    /// The prefix every command shares.
    var global: [String] {
        context.map { ["--context", $0] } ?? []
    }

    /// The debug namespace, for commands about pods.
    var namespaced: [String] {
        global + (namespace.map { ["--namespace", $0] } ?? [])
    }

    /// `kubectl get nodes -o yaml [-l SELECTOR]`: the nodes to capture on, with the addresses
    /// and Calico annotations `--context-from-cluster` also uses.
    public func getNodes(selector: String?) -> [String] {
        global + ["get", "nodes", "-o", "yaml"] + (selector.map { ["-l", $0] } ?? [])
    }

    /// `kubectl get pods -A -o wide`: pod names for the report.
    public var getPodsWide: [String] { global + ["get", "pods", "-A", "-o", "wide"] }

    /// `kubectl get ippools.crd.projectcalico.org -o yaml`: the configured pools.
    public var getIPPools: [String] { global + ["get", "ippools.crd.projectcalico.org", "-o", "yaml"] }

    /// `kubectl get pods -o name` in the debug namespace: before and after the capture, to tell
    /// the debug pods this run made (`kubectl debug node` prints their names only without -q,
    /// and on stdout, where the capture goes).
    public var listPods: [String] { namespaced + ["get", "pods", "-o", "name"] }

    /// `kubectl delete pod NAME… --wait=false`: the debug pods this run made.
    public func deletePods(_ names: [String]) -> [String] {
        namespaced + ["delete", "pod"] + names + ["--wait=false", "--ignore-not-found"]
    }

    /// `kubectl debug node/NODE --profile=sysadmin --image=IMAGE -q -i -- sh -c … tcpdump -i
    /// INTERFACE -U -w - [FILTER]`.
    ///
    /// The container's tcpdump starts only when the line calicap writes to kubectl's stdin
    /// arrives, and kubectl forwards stdin only once it is attached: the pcap file header,
    /// written as tcpdump starts, would otherwise be gone before the attach (the runtime does
    /// not replay a container's output to a late attach).
    public func debug(node: String, interface: String, image: String, filter: String?) -> [String] {
        namespaced + [
            "debug", "node/\(node)", "--profile=sysadmin", "--image=\(image)", "-q", "-i", "--",
        ] + Self.remoteCommand(interface: interface, filter: filter)
    }

    /// What runs on the node: wait for the start line, then tcpdump writing pcap to stdout,
    /// each packet as it is captured.
    public static func remoteCommand(interface: String, filter: String?) -> [String] {
        ["sh", "-c", "read -r start; exec tcpdump \"$@\"", "calicap-capture", "-i", interface, "-U", "-w", "-"]
            + (filter.map { [$0] } ?? [])
    }

    /// A command line as one shell-like string, for messages.
    public func describe(_ arguments: [String]) -> String {
        ([executable] + arguments).map { argument in
            argument.isEmpty || argument.contains(where: { " '\"$;&|<>*?()".contains($0) })
                ? "'" + argument.replacingAll("'", with: "'\\''") + "'" : argument
        }.joined(separator: " ")
    }
}

extension String {
    /// Every `target` replaced (without Foundation).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
