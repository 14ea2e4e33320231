import Testing

@Suite struct DaemonSetManifestTests {
    let manifest: ManifestDocuments
    let podSpecification: [String: Any]
    let container: [String: Any]

    init() throws {
        manifest = try ManifestDocuments(file: "calicap-daemonset.yaml")
        let daemonSet = try #require(manifest.documents(kind: "DaemonSet").first)
        podSpecification = try #require(value(daemonSet, "spec", "template", "spec") as? [String: Any])
        let containers = try #require(podSpecification["containers"] as? [[String: Any]])
        #expect(containers.count == 1)
        container = try #require(containers.first)
    }

    @Test func everyDocumentHasTheExpectedKindAndApiVersion() {
        #expect(manifest.kinds == ["Namespace", "ServiceAccount", "DaemonSet"])
        let apiVersions = Dictionary(
            uniqueKeysWithValues: manifest.documents.map { ($0["kind"] as? String ?? "", $0["apiVersion"] as? String ?? "") })
        #expect(apiVersions == ["Namespace": "v1", "ServiceAccount": "v1", "DaemonSet": "apps/v1"])
    }

    @Test func theContainerStreamsJSONLinesFromTheUplink() throws {
        let command = try #require(container["command"] as? [String])
        let arguments = (container["args"] as? [String]) ?? []
        let words = command + arguments
        let formatIndex = try #require(words.firstIndex(of: "--format"))
        #expect(words.indices.contains(formatIndex + 1) && words[formatIndex + 1] == "jsonl")
        let interfaceIndex = try #require(words.firstIndex(of: "-i"))
        #expect(words.indices.contains(interfaceIndex + 1) && words[interfaceIndex + 1] == "eth0")
        #expect(words.first?.hasSuffix("calicap") == true)
    }

    @Test func thePodUsesTheNodesNetworkAndItsOwnServiceAccount() throws {
        #expect(podSpecification["hostNetwork"] as? Bool == true)
        let serviceAccount = try #require(manifest.documents(kind: "ServiceAccount").first)
        let serviceAccountName = try #require(value(serviceAccount, "metadata", "name") as? String)
        #expect(podSpecification["serviceAccountName"] as? String == serviceAccountName)
        let daemonSet = try #require(manifest.documents(kind: "DaemonSet").first)
        #expect(value(serviceAccount, "metadata", "namespace") as? String
            == value(daemonSet, "metadata", "namespace") as? String)
    }

    @Test func theContainerHasCaptureCapabilitiesAndIsNotPrivileged() throws {
        let securityContext = try #require(container["securityContext"] as? [String: Any])
        #expect(securityContext["privileged"] as? Bool == false)
        let added = try #require(value(securityContext, "capabilities", "add") as? [String])
        #expect(Set(added) == ["NET_RAW", "NET_ADMIN"])
        #expect(value(securityContext, "capabilities", "drop") as? [String] == ["ALL"])
    }

    @Test func everyTaintIsTolerated() throws {
        let tolerations = try #require(podSpecification["tolerations"] as? [[String: Any]])
        #expect(tolerations.contains { $0["operator"] as? String == "Exists" && $0["key"] == nil && $0["effect"] == nil })
    }

    @Test func theContainerHasResourceRequestsAndLimits() throws {
        for section in ["requests", "limits"] {
            let resources = try #require(value(container, "resources", section) as? [String: Any], "no \(section)")
            #expect(resources["cpu"] != nil, "no cpu \(section)")
            #expect(resources["memory"] != nil, "no memory \(section)")
        }
    }

    @Test func theSelectorMatchesTheTemplateLabels() throws {
        let daemonSet = try #require(manifest.documents(kind: "DaemonSet").first)
        let selector = try #require(value(daemonSet, "spec", "selector", "matchLabels") as? [String: String])
        let labels = try #require(value(daemonSet, "spec", "template", "metadata", "labels") as? [String: String])
        #expect(!selector.isEmpty)
        for (key, labelValue) in selector {
            #expect(labels[key] == labelValue)
        }
    }
}
