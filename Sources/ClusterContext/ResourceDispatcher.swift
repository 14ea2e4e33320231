/// Recognises each resource of a YAML or JSON document by `kind` and `apiVersion` and hands it
/// to its reader; `List`s and typed lists (`IPPoolList`, `NodeList`, …) are read item by item.
struct ResourceDispatcher {
    let file: String
    private(set) var result: ClusterFile
    /// Kinds passed over, for the error when nothing at all was recognised.
    private var skipped: [String] = []

    init(file: String) {
        self.file = file
        self.result = ClusterFile(name: file)
    }

    /// Reads every document of a file; fails when none holds anything this tool reads.
    static func read(_ documents: [DocumentValue], file: String) throws(ClusterFileError) -> ClusterFile {
        var dispatcher = ResourceDispatcher(file: file)
        var recognisedAny = false
        for document in documents where !document.isNull {
            recognisedAny = try dispatcher.read(document, label: nil, listKind: nil, listVersion: nil) || recognisedAny
        }
        guard recognisedAny else {
            guard let firstDocument = documents.first(where: { !$0.isNull }) else {
                throw ClusterFileError(file: file, problem: .empty)
            }
            let found = dispatcher.skipped.isEmpty ? "no kind" : dispatcher.skipped.prefix(4).joined(separator: ", ")
            throw ClusterFileError(file: file, line: firstDocument.line, problem: .unrecognised(found: found))
        }
        return dispatcher.result
    }

    /// Reads one resource or list; returns whether it was recognised. A list counts as recognised
    /// when it is empty or holds at least one recognised item.
    private mutating func read(_ document: DocumentValue, label: String?, listKind: String?, listVersion: String?)
        throws(ClusterFileError) -> Bool
    {
        guard document.isMapping else {
            skipped.append(label.map { "\($0) is \(document.summary)" } ?? document.summary)
            return false
        }
        let kind = document["kind"]?.text?.trimmingSpaces() ?? listKind ?? ""
        let version = document["apiVersion"]?.text?.trimmingSpaces() ?? listVersion ?? ""
        let name = ResourceName.optional(document)
        let described = ([label, kind.isEmpty ? "resource" : kind, name].compactMap { $0 }).joined(separator: " ")
        let fields = FieldReader(file: file, resource: described)

        if kind == "List" || (kind.hasSuffix("List") && document["items"] != nil) {
            let items = document["items"]?.elements ?? []
            let itemKind = kind == "List" ? nil : String(kind.dropLast(4))
            var recognised = items.isEmpty
            for (index, item) in items.enumerated() {
                let itemLabel = (label.map { "\($0)." } ?? "") + "items[\(index)]"
                recognised = try read(item, label: itemLabel, listKind: itemKind, listVersion: version) || recognised
            }
            if items.isEmpty { result.notes.append("\(kind) with no items") }
            return recognised
        }
        guard let resourceKind = Self.resourceKind(kind: kind, apiVersion: version) else {
            let what = kind.isEmpty ? "no kind" : "kind \(kind)" + (version.isEmpty ? "" : " (apiVersion \(version))")
            skipped.append(what)
            result.notes.append("\(label.map { "\($0): " } ?? "")\(what) passed over")
            return false
        }
        let source = ClusterSource(file: file, kind: resourceKind)
        result.record(resourceKind)
        switch resourceKind {
        case .kubernetesNode:
            result.nodes.append(try KubernetesNodeReader.read(document, fields: fields, source: source))
        case .calicoNode:
            result.nodes.append(try CalicoNodeReader.read(document, fields: fields, source: source))
        case .calicoIPPool, .customResourceIPPool:
            result.pools.append(try IPPoolReader.read(document, fields: fields, source: source))
        case .installation:
            result.pools += try InstallationReader.read(document, fields: fields, source: source)
        case .pod:
            result.pods.append(try PodResourceReader.read(document, fields: fields, source: source))
        case .felixConfiguration:
            result.felixConfigurations.append(try FelixConfigurationReader.read(document, fields: fields, source: source))
        case .podTable:
            return false
        }
        return true
    }

    /// The kind of a resource from its `kind` and `apiVersion`; nil for resources this tool does not read.
    static func resourceKind(kind: String, apiVersion: String) -> ClusterResourceKind? {
        let group = apiVersion.split(separator: "/").dropLast().joined(separator: "/")
        switch (kind, group) {
        case ("Node", ""): return .kubernetesNode
        case ("Node", "projectcalico.org"), ("Node", "crd.projectcalico.org"): return .calicoNode
        case ("IPPool", "projectcalico.org"): return .calicoIPPool
        case ("IPPool", "crd.projectcalico.org"): return .customResourceIPPool
        case ("Installation", "operator.tigera.io"): return .installation
        case ("Pod", ""): return .pod
        case ("FelixConfiguration", "projectcalico.org"), ("FelixConfiguration", "crd.projectcalico.org"):
            return .felixConfiguration
        default: return nil
        }
    }
}
