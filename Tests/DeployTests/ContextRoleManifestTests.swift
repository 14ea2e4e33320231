import Testing

/// Deploy/calicap-context-rbac.yaml: exactly the reads `--context-from-cluster` adds.
@Suite struct ContextRoleManifestTests {
    let manifest: ManifestDocuments

    init() throws {
        manifest = try ManifestDocuments(file: "calicap-context-rbac.yaml")
    }

    @Test func readsPodsAndCalicoPoolsOnly() throws {
        let role = try #require(manifest.documents(kind: "ClusterRole").first)
        var granted: [String: Set<String>] = [:]
        for rule in (role["rules"] as? [[String: Any]]) ?? [] {
            let group = (rule["apiGroups"] as? [String])?.first ?? "?"
            for resource in (rule["resources"] as? [String]) ?? [] {
                granted["\(group)/\(resource)", default: []].formUnion((rule["verbs"] as? [String]) ?? [])
            }
        }
        #expect(granted == ["/pods": ["list"], "crd.projectcalico.org/ippools": ["get", "list"]])
    }

    @Test func boundToTheSameGroup() throws {
        let binding = try #require(manifest.documents(kind: "ClusterRoleBinding").first)
        #expect(value(binding, "roleRef", "name") as? String == "calicap-cluster-context")
        let subjects = (binding["subjects"] as? [[String: Any]]) ?? []
        #expect(subjects.contains { $0["name"] as? String == "calicap-users" })
    }
}
