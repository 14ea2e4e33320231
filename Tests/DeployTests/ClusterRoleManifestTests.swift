import Testing

@Suite struct ClusterRoleManifestTests {
    let manifest: ManifestDocuments

    init() throws {
        manifest = try ManifestDocuments(file: "calicap-cluster-rbac.yaml")
    }

    /// Verbs granted by every role in the file, by resource ("nodes", "pods/attach", …).
    func verbsByResource() -> [String: Set<String>] {
        var verbs: [String: Set<String>] = [:]
        for role in manifest.documents(kind: "ClusterRole") + manifest.documents(kind: "Role") {
            for rule in (role["rules"] as? [[String: Any]]) ?? [] {
                #expect(rule["apiGroups"] as? [String] == [""], "core API group only")
                for resource in (rule["resources"] as? [String]) ?? [] {
                    verbs[resource, default: []].formUnion((rule["verbs"] as? [String]) ?? [])
                }
            }
        }
        return verbs
    }

    @Test func everyDocumentHasTheExpectedKindAndApiVersion() {
        #expect(Set(manifest.kinds) == ["Namespace", "ClusterRole", "ClusterRoleBinding", "RoleBinding"])
        for document in manifest.documents {
            let kind = document["kind"] as? String
            let expected = kind == "Namespace" ? "v1" : "rbac.authorization.k8s.io/v1"
            #expect(document["apiVersion"] as? String == expected, "\(kind ?? "?")")
        }
    }

    @Test func theRolesGrantWhatKubectlDebugNodeNeeds() {
        let verbs = verbsByResource()
        #expect(verbs["nodes"] == ["get", "list"])
        #expect(verbs["pods"] == ["create", "get", "delete", "list", "watch"], "list and watch: kubectl debug waits on the pod")
        #expect(verbs["pods/attach"]?.isSuperset(of: ["create", "get"]) == true)
        #expect(verbs["pods/log"] == ["get"])
        #expect(Set(verbs.keys) == ["nodes", "pods", "pods/attach", "pods/log"], "nothing more than listed")
    }

    @Test func podsAreGrantedOnlyInTheDebugNamespace() throws {
        let namespace = try #require(manifest.documents(kind: "Namespace").first)
        let debugNamespace = try #require(value(namespace, "metadata", "name") as? String)
        let podRoles = manifest.documents(kind: "ClusterRole").filter { role in
            ((role["rules"] as? [[String: Any]]) ?? []).contains { ($0["resources"] as? [String])?.contains("pods") == true }
        }
        let podRoleNames = Set(podRoles.compactMap { value($0, "metadata", "name") as? String })
        #expect(podRoleNames.count == 1)
        for binding in manifest.documents(kind: "ClusterRoleBinding") {
            let roleName = value(binding, "roleRef", "name") as? String
            #expect(!podRoleNames.contains(roleName ?? ""), "pods must not be granted cluster-wide")
        }
        let roleBindings = manifest.documents(kind: "RoleBinding").filter {
            podRoleNames.contains(value($0, "roleRef", "name") as? String ?? "")
        }
        #expect(roleBindings.count == 1)
        for binding in roleBindings {
            #expect(value(binding, "metadata", "namespace") as? String == debugNamespace)
        }
    }

    @Test func everyBindingNamesAnExistingRoleAndASubject() {
        let roleNames = Set(manifest.documents(kind: "ClusterRole").compactMap { value($0, "metadata", "name") as? String })
        for binding in manifest.documents(kind: "ClusterRoleBinding") + manifest.documents(kind: "RoleBinding") {
            #expect(value(binding, "roleRef", "kind") as? String == "ClusterRole")
            #expect(roleNames.contains(value(binding, "roleRef", "name") as? String ?? ""))
            #expect(((binding["subjects"] as? [[String: Any]]) ?? []).isEmpty == false)
        }
    }
}
