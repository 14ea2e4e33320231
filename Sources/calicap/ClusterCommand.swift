import ArgumentParser
import ClusterCapture

/// `calicap cluster`: every node's capture through `kubectl debug node`, analysed as one.
struct ClusterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Capture on every node through kubectl debug and analyse the nodes together.",
        discussion: """
            For each node (all of `kubectl get nodes`, --node NAME, or --selector LABEL) and each \
            -i interface: `kubectl debug node/NODE --profile=sysadmin --image=IMAGE -q -i -- \
            tcpdump -i IFACE -U -w - [filter]` (tcpdump starts once kubectl is attached, so the \
            stream's header is not lost). The streams are read as they arrive and analysed \
            together, as `calicap -r` of the nodes' files would be: each capture point is named \
            NODE:IFACE, a packet seen on two nodes is counted once. Ctrl-C (SIGINT), SIGTERM, \
            --duration or -c end every capture, delete the debug pods this run made, and print \
            the report.

            Needs: nodes get/list; pods create, get, list, watch and delete, pods/attach (or \
            pods/log) in the debug namespace (Deploy/calicap-cluster-rbac.yaml); an image with \
            sh and tcpdump.

            Exit status: 0 report printed; 2 usage error; 3 no node could be captured (kubectl \
            missing, nodes not listable, every capture failed); 4 report printed, but some \
            node's capture failed (a warning names it with kubectl's message) or a stream was \
            damaged.
            """)

    @Option(name: .customLong("node"), help: ArgumentHelp("A node to capture on. Repeatable. Default: every node of `kubectl get nodes`.", valueName: "name"))
    var nodes: [String] = []

    @Option(name: [.customShort("l"), .customLong("selector")], help: ArgumentHelp("Capture on the nodes with these labels (kubectl get nodes -l).", valueName: "label"))
    var selector: String?

    @Option(name: [.customShort("i"), .customLong("interface")], help: ArgumentHelp("The interface captured on each node (default eth0). Repeatable: one debug pod per interface.", valueName: "iface"))
    var interfaces: [String] = []

    static let defaultImage = "nicolaka/netshoot"

    @Option(name: .customLong("image"), help: ArgumentHelp("The debug pod's image; it needs sh and tcpdump.", valueName: "image"))
    var image: String = defaultImage

    @Option(name: .customLong("duration"), help: ArgumentHelp("Stop after this many seconds.", valueName: "seconds"))
    var duration: Double?

    @Option(name: [.customShort("c"), .customLong("count")], help: ArgumentHelp("Stop after this many packets, all nodes together.", valueName: "count"))
    var count: Int?

    @Option(name: .customLong("kubectl"), help: ArgumentHelp("The kubectl to run (a path, or a name looked up in PATH).", valueName: "path"))
    var kubectl = "kubectl"

    @Option(name: .customLong("context"), help: ArgumentHelp("The kubeconfig context (kubectl --context).", valueName: "name"))
    var context: String?

    @Option(name: .customLong("namespace"), help: ArgumentHelp("Where the debug pods are made (kubectl --namespace); default: the context's namespace.", valueName: "namespace"))
    var namespace: String?

    @Option(name: [.customShort("w"), .customLong("write")], help: ArgumentHelp("Also keep each node's capture as DIR/NODE-IFACE.pcapng (made if missing).", valueName: "dir"))
    var writeDirectory: String?

    @Flag(name: .customLong("context-from-cluster"), help: "Read the nodes, pods and IP pools from the cluster (kubectl get nodes -o yaml, get pods -A -o wide, get ippools.crd.projectcalico.org -o yaml), as if given with --cluster.")
    var contextFromCluster = false

    @Flag(name: [.customShort("n"), .customLong("numeric")], help: "Print addresses, not pod and node names.")
    var numeric = false

    @Option(name: [.customShort("f"), .customLong("filter")], help: ArgumentHelp("A BPF filter, applied by tcpdump on the nodes (also given as the trailing words).", valueName: "expression"))
    var filter: String?

    @OptionGroup var analysis: AnalysisOptionGroup

    @Argument(help: ArgumentHelp("A tcpdump-style BPF filter expression, e.g. `udp port 4789 or ip proto 4`.", valueName: "filter"))
    var filterWords: [String] = []

    func validate() throws {
        if !nodes.isEmpty && selector != nil { throw ValidationError("--node and --selector cannot be combined") }
        for node in nodes where node.isEmpty || node.contains("/") || node.hasPrefix("-") {
            throw ValidationError("--node '\(node)' is not a node name")
        }
        if let selector, selector.isEmpty { throw ValidationError("--selector needs a label selector such as kubernetes.io/os=linux") }
        for interface in interfaces where interface.isEmpty || interface.hasPrefix("-") || interface.contains("/") {
            throw ValidationError("-i '\(interface)' is not an interface name")
        }
        if image.isEmpty { throw ValidationError("--image needs an image name") }
        if kubectl.isEmpty { throw ValidationError("--kubectl needs a path") }
        if let duration, !(duration > 0) || !duration.isFinite {
            throw ValidationError("--duration must be a positive number of seconds")
        }
        if let count, count < 1 { throw ValidationError("-c must be at least 1") }
        if writeDirectory == "-" { throw ValidationError("-w takes a directory here (each node's capture is a file in it)") }
    }

    /// The trailing words joined, combined with -f.
    var filterExpression: String? { FilterExpression.combine(option: filter, words: filterWords) }

    /// Interfaces asked for, each once; eth0 by default.
    var interfaceList: [String] {
        var seen = Set<String>()
        let given = interfaces.isEmpty ? ["eth0"] : interfaces
        return given.filter { seen.insert($0).inserted }
    }

    var kubectlInvocation: KubectlInvocation {
        KubectlInvocation(executable: kubectl, context: context, namespace: namespace)
    }

    func run() throws {
        let status = ClusterRun(command: self).run()
        if status != .success { throw ExitCode(status.rawValue) }
    }
}
