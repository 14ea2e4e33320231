import CalicapTestSupport
import Foundation
import Testing

/// The lab's captures moved to other pod pools (`Fixtures/lab-pools/`, made by
/// `Scripts/make-lab-pools.sh`: 172.16.0.0/16 → 10.244.0.0/16 and → 100.64.0.0/16, inner and
/// outer addresses, ARP and checksums): without `--pod-cidr`, every flow has the kind, mode,
/// answer and outcome the original has with `--pod-cidr 172.16.0.0/16`, and the pool verdict
/// is the same; the pool is reported as inferred.
@Suite struct PodPoolRewriteTests {
    struct Case: CustomStringConvertible, Sendable {
        var pool: String
        var scenario: String
        /// The first two octets the pool's addresses start with (`10.244`).
        var prefix: String { pool.split(separator: ".").prefix(2).joined(separator: ".") }
        var folder: String { Fixtures.path("lab-pools/\(pool)/\(scenario)") }
        var description: String { "\(pool)/\(scenario)" }

        /// An address or network of the original lab in this pool.
        func map(_ text: String) -> String {
            text.hasPrefix("172.16.") ? prefix + text.dropFirst("172.16".count) : text
        }

        var captures: [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".pcap") }.sorted()
        }
    }

    static let cases = [
        Case(pool: "10.244.0.0-16", scenario: "direct"), Case(pool: "10.244.0.0-16", scenario: "crosssubnet"),
        Case(pool: "100.64.0.0-16", scenario: "direct"), Case(pool: "100.64.0.0-16", scenario: "crosssubnet"),
        Case(pool: "10.244.0.0-16", scenario: "ipip"), Case(pool: "10.244.0.0-16", scenario: "vxlan"),
    ]

    static func document(_ arguments: [String]) throws -> [String: Any] {
        let outcome = try ProcessRunner.calicap(arguments + ["--format", "json"])
        #expect(outcome.status == 0, "\(arguments): \(outcome.standardError)")
        return try JSONText.object(outcome.standardOutput)
    }

    /// Flow key (protocol, client, server, with addresses through `map`) → what was said of it.
    static func flows(_ document: [String: Any], map: (String) -> String = { $0 }) -> [String: String] {
        var result: [String: String] = [:]
        for flow in document["flows"] as? [[String: Any]] ?? [] {
            func end(_ name: String) -> String {
                let end = flow[name] as? [String: Any] ?? [:]
                return "\(map(end["ip"] as? String ?? "?")):\(end["port"] as? Int ?? -1)"
            }
            let key = "\(flow["protocol"] as? String ?? "?") \(end("client")) > \(end("server"))"
            let answered = (flow["answered"] as? Bool).map(String.init) ?? "nil"
            result[key] = [text(flow["kind"]), text(flow["mode"]), answered, text(flow["outcome"])].joined(separator: " ")
        }
        return result
    }

    /// The pool verdict's fields that must not depend on the pool's addresses.
    static func pool(_ document: [String: Any], map: (String) -> String = { $0 }) -> String {
        let summary = document["summary"] as? [String: Any] ?? [:]
        let pool = summary["pool"] as? [String: Any] ?? [:]
        let fields = ["behaviour", "encapsulation", "ipipMode", "vxlanMode", "possibleBehaviours", "subnetPrefixLengths"]
        var said = fields.map { "\($0)=\(text(pool[$0]))" }.joined(separator: " ")
        for pair in pool["nodePairs"] as? [[String: Any]] ?? [] {
            let sameSubnet = (pair["sameSubnet"] as? Bool).map(String.init) ?? "nil"
            said += " pair \(text(pair["nodes"])) \(text(pair["modes"])) sameSubnet=\(sameSubnet)"
        }
        return said
    }

    /// A JSON value as text, objects with their keys sorted.
    static func text(_ value: Any?) -> String {
        switch value {
        case let object as [String: Any]: "{" + object.keys.sorted().map { "\($0): \(text(object[$0]))" }.joined(separator: ", ") + "}"
        case let array as [Any]: "[" + array.map(text).joined(separator: ", ") + "]"
        case let string as String: string
        case nil, is NSNull: "nil"
        case let other?: "\(other)"
        }
    }

    @Test(arguments: cases) func sameVerdictsWithoutPodCIDR(_ scenario: Case) throws {
        #expect(scenario.captures.count >= 5, "\(scenario.folder)")
        for capture in scenario.captures {
            let original = try Self.document(["-r", Fixtures.lab(scenario.scenario, capture), "--pod-cidr", "172.16.0.0/16"])
            let moved = try Self.document(["-r", "\(scenario.folder)/\(capture)"])
            let expected = Self.flows(original, map: scenario.map)
            #expect(!expected.isEmpty)
            #expect(Self.flows(moved) == expected, "\(scenario)/\(capture)")
            #expect(Self.pool(moved) == Self.pool(original), "\(scenario)/\(capture)")
            let summary = moved["summary"] as? [String: Any] ?? [:]
            #expect(summary["podNetworksSource"] as? String == "inferred", "\(scenario)/\(capture)")
            let inferred = summary["podNetworksInferred"] as? [String: Any] ?? [:]
            #expect(inferred["pool"] as? String == scenario.map("172.16.0.0/16"), "\(scenario)/\(capture)")
            #expect(summary["podNetworks"] as? [String] == [scenario.map("172.16.0.0/16")], "\(scenario)/\(capture)")
        }
    }

    /// All of a scenario's captures together, as a user with every node's files would read them.
    @Test(arguments: cases) func sameVerdictsForAllFilesTogether(_ scenario: Case) throws {
        let original = try Self.document(
            scenario.captures.map { Fixtures.lab(scenario.scenario, $0) } + ["--pod-cidr", "172.16.0.0/16"])
        let moved = try Self.document(scenario.captures.map { "\(scenario.folder)/\($0)" })
        #expect(Self.flows(moved) == Self.flows(original, map: scenario.map))
        #expect(Self.pool(moved) == Self.pool(original))
    }

    /// The lab's ground truth, moved with the captures: each flow's mode and answer.
    @Test(arguments: cases) func groundTruthHolds(_ scenario: Case) throws {
        let expectations = LabExpectation.load(file: "\(scenario.folder)/expected.tsv")
        #expect(expectations.count > 50)
        for capture in scenario.captures {
            let flows = Self.flows(try Self.document(["-r", "\(scenario.folder)/\(capture)"]))
            for expectation in expectations where expectation.file == capture {
                let key = "\(expectation.protocolName) \(expectation.clientIP):\(expectation.clientPort) > "
                    + "\(expectation.serverIP):\(expectation.serverPort)"
                let said = flows[key]?.split(separator: " ").map(String.init) ?? []
                #expect(said.count == 4, "\(expectation)")
                #expect(said.first == "pod-to-pod", "\(expectation)")
                #expect(said.dropFirst().first == expectation.mode, "\(expectation)")
                #expect(said.dropFirst(2).first == String(expectation.answered), "\(expectation)")
            }
        }
    }

    /// The table says where the pod networks came from, without suggesting --pod-cidr when the
    /// packets prove enough.
    @Test func tableSaysThePoolWasInferred() throws {
        let outcome = try ProcessRunner.calicap(["-r", Fixtures.path("lab-pools/10.244.0.0-16/direct/w1-eth0.pcap")])
        #expect(outcome.status == 0)
        let line = outcome.standardOutput.split(separator: "\n").first { $0.contains("pod networks:") }.map(String.init)
        #expect(line == "  pod networks: 10.244.0.0/16 (inferred from 3 pod blocks the packets prove: 3 routed between nodes)")
        #expect(outcome.standardOutput.contains("  kinds: pod-to-pod 36\n"))
    }
}
