import ClusterContext

/// What the cluster says about itself, through kubectl: the nodes to capture on and, for
/// `--context-from-cluster`, the files `--cluster` would take.
public enum ClusterInventory {
    /// The node names of `kubectl get nodes -o yaml [-l SELECTOR]`, and the listing as a
    /// cluster file (reused by `--context-from-cluster`).
    public static func nodes(
        _ kubectl: KubectlInvocation, selector: String?
    ) throws(ClusterCaptureError) -> (names: [String], file: ClusterFile) {
        let arguments = kubectl.getNodes(selector: selector)
        let text = try KubectlRunner.output(kubectl, arguments)
        let file: ClusterFile
        do {
            file = try ClusterContextLoader.load(contents: text, name: "kubectl get nodes")
        } catch {
            // An empty List is how kubectl answers a selector that matches nothing.
            if Self.isEmptyList(text) { throw .noNodes(selector: selector) }
            throw .kubectlFailed(command: kubectl.describe(arguments), message: error.description)
        }
        var names: [String] = []
        for node in file.nodes where !names.contains(node.name) { names.append(node.name) }
        guard !names.isEmpty else { throw .noNodes(selector: selector) }
        return (names, file)
    }

    /// `kubectl get nodes -o yaml`, `kubectl get pods -A -o wide` and `kubectl get
    /// ippools.crd.projectcalico.org -o yaml`, read as `--cluster` files are. A listing that
    /// fails (no permission, no Calico CRDs) is a warning and left out.
    public static func contextFiles(
        _ kubectl: KubectlInvocation, nodesFile: ClusterFile?, warning: (String) -> Void
    ) -> [ClusterFile] {
        var files: [ClusterFile] = []
        var requests: [(name: String, arguments: [String])] = []
        if let nodesFile {
            files.append(nodesFile)
        } else {
            requests.append(("kubectl get nodes", kubectl.getNodes(selector: nil)))
        }
        requests.append(("kubectl get pods -A -o wide", kubectl.getPodsWide))
        requests.append(("kubectl get ippools.crd.projectcalico.org", kubectl.getIPPools))
        for request in requests {
            do {
                let text = try KubectlRunner.output(kubectl, request.arguments)
                files.append(try ClusterContextLoader.load(contents: text, name: request.name))
            } catch let error as ClusterCaptureError {
                warning("--context-from-cluster: \(error.description); going on without it")
            } catch let error as ClusterFileError {
                warning("--context-from-cluster: \(error.description); going on without it")
            } catch {
                warning("--context-from-cluster: \(kubectl.describe(request.arguments)): \(error)")
            }
        }
        return files
    }

    /// `kind: List` with `items: []` (YAML or JSON), as kubectl prints an empty result.
    static func isEmptyList(_ text: String) -> Bool {
        let compact = text.filter { !$0.isWhitespace }
        return compact.contains("items:[]") || compact.contains("\"items\":[]")
    }
}
