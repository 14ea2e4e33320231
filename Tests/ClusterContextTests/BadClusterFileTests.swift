import ClusterContext
import Foundation
import Testing

/// A bad or unrecognised file gives one line naming the file, what was expected and, for syntax
/// errors, the line.
@Suite struct BadClusterFileTests {
    static func error(_ contents: String, name: String = "bad.yaml") -> ClusterFileError? {
        do {
            _ = try ClusterContextLoader.load(contents: contents, name: name)
            return nil
        } catch {
            return error
        }
    }

    static let expected = "expected a Node, IPPool, Installation or Pod resource (or a List of them) "
        + "as YAML or JSON, or kubectl get pods -o wide output"

    @Test func yamlSyntaxErrorNamesTheLine() throws {
        let error = try #require(Self.error("""
            apiVersion: v1
            kind: Node
            metadata:
              name: w1
               labels: {a: b}
            """))
        #expect(error.line == 5)
        #expect(error.description.hasPrefix("bad.yaml: line 5: not valid YAML ("))
        #expect(error.description.hasSuffix("); " + Self.expected))
        #expect(!error.description.contains("\n"))
    }

    @Test func jsonSyntaxErrorNamesTheLine() throws {
        let error = try #require(Self.error("""
            {
              "apiVersion": "v1",
              "kind": "Node",
              "metadata" {"name": "w1"},
              "spec": {}
            }
            """, name: "nodes.json"))
        // The missing colon.
        #expect(error.line == 4)
        #expect(error.description.hasPrefix("nodes.json: line 4: not valid JSON ("))
        #expect(!error.description.contains("\n"))
    }

    @Test func jsonMissingCommaNamesTheLine() throws {
        let error = try #require(Self.error("{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"Node\"\n  \"metadata\": {}\n}\n", name: "n.json"))
        #expect(error.line == 4)
        #expect(error.description.hasPrefix("n.json: line 4: not valid JSON ("))
    }

    @Test func unrecognisedKind() throws {
        let error = try #require(Self.error("""
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            """, name: "svc.yaml"))
        #expect(error.description == "svc.yaml: line 1: unrecognised contents (kind Service (apiVersion v1)); " + Self.expected)
        #expect(error.problem == .unrecognised(found: "kind Service (apiVersion v1)"))
    }

    @Test func calicoNodeOfAnUnknownAPIIsNotGuessed() throws {
        let error = try #require(Self.error("apiVersion: example.com/v1\nkind: IPPool\nmetadata: {name: p}\n"))
        #expect(error.problem == .unrecognised(found: "kind IPPool (apiVersion example.com/v1)"))
    }

    @Test(arguments: ["", "   \n\n\t\n", "---\n", "# only a comment\n"])
    func emptyFile(contents: String) throws {
        let error = try #require(Self.error(contents, name: "empty.yaml"))
        #expect(error.problem == .empty)
        #expect(error.description == "empty.yaml: the file is empty; " + Self.expected)
    }

    @Test func emptyFileOnDisk() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("calicap-empty-\(UInt32.random(in: 0...UInt32.max)).yaml").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: ClusterFileError(file: path, problem: .empty)) { try ClusterContextLoader.load(path: path) }
    }

    @Test func missingFileAndDirectory() throws {
        #expect(throws: ClusterFileError(file: "/nonexistent/nodes.yaml", problem: .unreadable(reason: "no such file"))) {
            try ClusterContextLoader.load(path: "/nonexistent/nodes.yaml")
        }
        #expect(throws: ClusterFileError(file: ClusterFixtures.root, problem: .unreadable(reason: "it is a directory"))) {
            try ClusterContextLoader.load(path: ClusterFixtures.root)
        }
    }

    @Test func captureFileGivenByMistake() throws {
        let path = ClusterFixtures.root + "/lab/ipip/w1-eth0.pcap"
        #expect(throws: ClusterFileError(file: path, problem: .unrecognised(found: "binary data, not UTF-8 text"))) {
            try ClusterContextLoader.load(path: path)
        }
    }

    @Test func scalarAndPlainText() throws {
        #expect(Self.error("hello world\n")?.problem == .unrecognised(found: "\"hello world\""))
        #expect(Self.error("[1, 2, 3]\n", name: "list.json")?.problem == .unrecognised(found: "a list"))
    }

    @Test func invalidFieldNamesResourceFieldAndLine() throws {
        let error = try #require(Self.error("""
            apiVersion: projectcalico.org/v3
            kind: IPPoolList
            items:
            - apiVersion: projectcalico.org/v3
              kind: IPPool
              metadata:
                name: p1
              spec:
                cidr: 172.16.0.0/33
            """, name: "pools.yaml"))
        #expect(error.line == 9)
        #expect(error.description
            == "pools.yaml: line 9: items[0] IPPool p1 spec.cidr is \"172.16.0.0/33\"; expected an IP prefix such as 172.16.0.0/16")
    }

    @Test func invalidModeAndMissingCIDR() throws {
        let mode = try #require(Self.error("""
            apiVersion: projectcalico.org/v3
            kind: IPPool
            metadata: {name: p}
            spec: {cidr: 10.0.0.0/16, vxlanMode: Sometimes}
            """))
        #expect(mode.description == "bad.yaml: line 4: IPPool p spec.vxlanMode is \"Sometimes\"; expected Always, CrossSubnet or Never")
        let cidr = try #require(Self.error("apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: p}\nspec: {}\n"))
        #expect(cidr.description == "bad.yaml: line 1: IPPool p spec.cidr is missing; expected an IP prefix such as 172.16.0.0/16")
    }

    @Test func badNodeAnnotation() throws {
        let error = try #require(Self.error("""
            apiVersion: v1
            kind: Node
            metadata:
              name: w1
              annotations:
                projectcalico.org/IPv4Address: 192.168.10.101/24/x
            """))
        #expect(error.line == 6)
        #expect(error.description.contains("Node w1 metadata.annotations[projectcalico.org/IPv4Address] is \"192.168.10.101/24/x\""))
    }

    @Test func podTableWithoutWideColumnsAndBadRows() throws {
        let narrow = try #require(Self.error("NAME    READY   STATUS    RESTARTS   AGE\nweb-0   1/1     Running   0          1d\n", name: "pods.txt"))
        #expect(narrow.description.hasPrefix("pods.txt: line 1: unrecognised contents (a kubectl table without the NAME, IP and NODE columns of -o wide)"))
        let header = "NAME    READY   STATUS    RESTARTS   AGE   IP         NODE   NOMINATED NODE   READINESS GATES\n"
        let short = try #require(Self.error(header + "web-0   1/1\n", name: "pods.txt"))
        #expect(short.line == 2)
        let badIP = try #require(Self.error(header + "web-0   1/1   Running   0   1d   10.0.0.300   w1   <none>   <none>\n", name: "pods.txt"))
        #expect(badIP.description == "pods.txt: line 2: pod web-0 IP is \"10.0.0.300\"; expected an IP address or <none>")
    }

    @Test func controlCharactersNeverReachTheMessage() throws {
        let error = try #require(Self.error("apiVersion: v1\nkind: \"Evil\\e[31m\\nkind\"\n", name: "evil\u{1b}[2J.yaml"))
        #expect(!error.description.unicodeScalars.contains { $0.value < 0x20 })
        #expect(error.description.hasPrefix("evil?[2J.yaml: line 1: unrecognised contents (kind Evil?[31m?kind"))
    }
}
