import CalicapTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The lab's scenarios and files, and what the tests know about the cluster independently of
/// calicap: pod and node names from the lab's own `pods-wide.txt` and `nodes.yaml`.
enum LabCluster {
    static let scenarios = [
        "crosssubnet", "direct", "direct-rkp", "dualstack-vxlan-crosssubnet", "ipip", "vxlan", "vxlan-crosssubnet",
        "wireguard",
    ]
    static let nodeNames = ["w0", "w1", "w2"]

    /// The pool modes of each scenario as the lab README describes the runs (ipipMode, vxlanMode).
    static let poolModes: [String: (ipip: String, vxlan: String)] = [
        "ipip": ("Always", "Never"), "vxlan": ("Never", "Always"), "direct": ("Never", "Never"),
        "direct-rkp": ("Never", "Never"), "crosssubnet": ("CrossSubnet", "Never"),
        "vxlan-crosssubnet": ("Never", "CrossSubnet"), "dualstack-vxlan-crosssubnet": ("Never", "CrossSubnet"),
        "wireguard": ("Never", "Never"),
    ]

    static func clusterFile(_ scenario: String, _ name: String) -> String {
        Fixtures.lab(scenario, "cluster/\(name)")
    }

    static func allClusterFiles(_ scenario: String) -> [String] {
        ["nodes.yaml", "ippools.yaml", "installation.yaml", "pods-wide.txt"].map { clusterFile(scenario, $0) }
    }

    static func clusterArguments(_ files: [String]) -> [String] {
        files.flatMap { ["--cluster", $0] }
    }

    static func readArguments(_ files: [String]) -> [String] {
        files.flatMap { ["-r", $0] }
    }

    /// The three nodes' uplink captures of a scenario.
    static func eth0Captures(_ scenario: String) -> [String] {
        nodeNames.map { Fixtures.lab(scenario, "\($0)-eth0.pcap") }
    }

    static func isTunnelDeviceCapture(_ file: String) -> Bool {
        file.hasSuffix("-tunl0.pcap") || file.hasSuffix(".calico.pcap") || file.hasSuffix("-wireguard.cali.pcap")
    }

    /// `--captured-on` for captures whose file does not say where they were taken and whose
    /// packets alone cannot tell.
    static func captureArguments(_ file: String) -> [String] {
        file.hasSuffix("-wireguard.cali.pcap") ? ["--captured-on", "wireguard.cali"] : []
    }

    /// Runs `calicap --format json` and returns the parsed report; records a failure when it
    /// does not exit 0.
    static func report(_ arguments: [String]) throws -> [String: Any] {
        let outcome = try ProcessRunner.calicap(arguments + ["--format", "json"], timeout: 60)
        #expect(outcome.status == 0, "calicap \(arguments.joined(separator: " ")): \(outcome)")
        #expect(!outcome.crashed)
        return try JSONText.object(outcome.standardOutput)
    }

    static func flows(_ document: [String: Any]) -> [[String: Any]] {
        document["flows"] as? [[String: Any]] ?? []
    }

    static func pool(_ document: [String: Any]) throws -> [String: Any] {
        let summary = try #require(document["summary"] as? [String: Any])
        return try #require(summary["pool"] as? [String: Any])
    }

    static func flowName(_ flow: [String: Any]) -> String {
        let client = flow["client"] as? [String: Any] ?? [:]
        let server = flow["server"] as? [String: Any] ?? [:]
        return "\(flow["protocol"] ?? "?") \(client["ip"] ?? "?"):\(client["port"] ?? "?") > "
            + "\(server["ip"] ?? "?"):\(server["port"] ?? "?") \(flow["mode"] ?? "?")"
    }

    /// The flow of `expectation` in `flows` (same protocol, client and server).
    static func flow(matching expectation: LabExpectation, in flows: [[String: Any]]) -> [String: Any]? {
        flows.first { flow in
            let client = flow["client"] as? [String: Any] ?? [:]
            let server = flow["server"] as? [String: Any] ?? [:]
            return flow["protocol"] as? String == expectation.protocolName
                && client["ip"] as? String == expectation.clientIP && client["port"] as? Int == expectation.clientPort
                && server["ip"] as? String == expectation.serverIP && server["port"] as? Int == expectation.serverPort
        }
    }
}

/// A capture of one lab scenario, as a test argument.
struct LabCapture: Sendable, CustomStringConvertible {
    var scenario: String
    var file: String
    var path: String { Fixtures.lab(scenario, file) }
    var description: String { "\(scenario)/\(file)" }
}

/// Who is where in a lab scenario, read by the test from the lab's files: pods (IP → namespace/name
/// and node) from `pods-wide.txt`; nodes (name, InternalIP addresses, IPv6 VXLAN tunnel address)
/// from `nodes.yaml`. IPv6 pods, which `kubectl get pods -o wide` does not list, belong to the
/// node whose IPv6 tunnel address is in their /122 block (the lab's IPv6 block size).
struct ClusterDirectory {
    struct Node {
        var name: String
        var internalAddresses: [String] = []
        var ipv6TunnelAddress: String?
    }

    var pods: [String: (pod: String, node: String)] = [:]
    var nodes: [Node] = []

    init(scenario: String) throws {
        try self.init(
            podsFile: LabCluster.clusterFile(scenario, "pods-wide.txt"), nodesFile: LabCluster.clusterFile(scenario, "nodes.yaml"))
    }

    init(podsFile: String, nodesFile: String) throws {
        let table = try String(contentsOfFile: podsFile, encoding: .utf8).split(separator: "\n")
        let header = try #require(table.first).split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let columns = try (
            namespace: #require(header.firstIndex(of: "NAMESPACE")), name: #require(header.firstIndex(of: "NAME")),
            address: #require(header.firstIndex(of: "IP")), node: #require(header.firstIndex(of: "NODE")))
        for line in table.dropFirst() {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard fields.count > columns.node else { continue }
            pods[fields[columns.address]] = ("\(fields[columns.namespace])/\(fields[columns.name])", fields[columns.node])
        }
        // kubectl get nodes -o yaml: each item starts with "- apiVersion:"; metadata.name is at
        // four spaces; InternalIP addresses are "- address: X" followed by "type: InternalIP".
        var current: Node?
        var lastAddress: String?
        for line in try String(contentsOfFile: nodesFile, encoding: .utf8).split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("- apiVersion:") {
                if let current { nodes.append(current) }
                current = Node(name: "")
            } else if line.hasPrefix("    name: ") {
                current?.name = String(line.dropFirst("    name: ".count))
            } else if text.hasPrefix("projectcalico.org/IPv6VXLANTunnelAddr:") {
                current?.ipv6TunnelAddress = Self.unquoted(text.dropFirst("projectcalico.org/IPv6VXLANTunnelAddr:".count))
            } else if text.hasPrefix("- address: ") {
                lastAddress = String(text.dropFirst("- address: ".count))
            } else if text == "type: InternalIP", let address = lastAddress {
                current?.internalAddresses.append(address)
            }
        }
        if let current { nodes.append(current) }
    }

    static func unquoted(_ text: Substring) -> String {
        text.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
    }

    func pod(at address: String) -> String? { pods[address]?.pod }

    /// The node hosting the pod at `address`: from the pods file, else (IPv6) by its /122 block.
    func node(at address: String) -> String? {
        if let known = pods[address] { return known.node }
        guard let bytes = Self.ipv6Bytes(address) else { return nil }
        return nodes.first { node in
            guard let tunnel = node.ipv6TunnelAddress.flatMap(Self.ipv6Bytes) else { return false }
            return tunnel.prefix(15) == bytes.prefix(15) && tunnel[15] & 0xC0 == bytes[15] & 0xC0
        }?.name
    }

    /// The node with the InternalIP `address` (a tunnel's outer end).
    func node(withInternalAddress address: String) -> String? {
        nodes.first { $0.internalAddresses.contains(address) }?.name
    }

    static func ipv6Bytes(_ text: String) -> [UInt8]? {
        var storage = in6_addr()
        guard inet_pton(AF_INET6, text, &storage) == 1 else { return nil }
        return withUnsafeBytes(of: &storage) { Array($0) }
    }
}

/// The records of a classic pcap file, read by the test itself (times and frames).
struct PcapRecords {
    var linkType: UInt32
    var records: [(time: Double, frame: [UInt8])] = []

    init(path: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        try #require(bytes.count >= 24)
        let magic = UInt32(bytes[0]) | UInt32(bytes[1]) << 8 | UInt32(bytes[2]) << 16 | UInt32(bytes[3]) << 24
        let littleEndian = magic == 0xA1B2_C3D4 || magic == 0xA1B2_3C4D
        let nanosecond = magic == 0xA1B2_3C4D || magic == 0x4D3C_B2A1
        try #require(littleEndian || magic == 0xD4C3_B2A1 || magic == 0x4D3C_B2A1, "not a classic pcap: \(path)")
        func word(_ offset: Int) -> UInt32 {
            let value = (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }
            return littleEndian ? value : value.byteSwapped
        }
        linkType = word(20) & 0xFFFF
        var offset = 24
        while offset + 16 <= bytes.count {
            let captured = Int(word(offset + 8))
            let time = Double(word(offset)) + Double(word(offset + 4)) / (nanosecond ? 1e9 : 1e6)
            try #require(offset + 16 + captured <= bytes.count, "record cut short in \(path)")
            records.append((time, Array(bytes[(offset + 16)..<(offset + 16 + captured)])))
            offset += 16 + captured
        }
    }

    static func macText(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.map { String(format: "%02x", $0) }.joined(separator: ":")
    }

    /// Every Ethernet source and destination MAC in the file.
    var ethernetAddresses: Set<String> {
        Set(records.filter { $0.frame.count >= 14 }.flatMap { [Self.macText($0.frame[0..<6]), Self.macText($0.frame[6..<12])] })
    }
}

/// Differences between what calicap names and what the test expects, gathered over many flows
/// and reported as one issue (how many, and the first few).
struct NameDifferences {
    var lines: [String] = []

    /// Records a difference when `actual` (a JSON value: a string or null) is not `expected`.
    mutating func compare(_ actual: Any?, _ expected: String?, _ what: String, of flow: [String: Any]) {
        let value = actual as? String
        if value != expected {
            lines.append("\(LabCluster.flowName(flow)): \(what) is \(value ?? "null"), expected \(expected ?? "null")")
        }
    }

    func expectNone(_ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(
            lines.isEmpty,
            "\(context): \(lines.count) differences, first: \(lines.prefix(4).joined(separator: "; "))",
            sourceLocation: sourceLocation)
    }
}
