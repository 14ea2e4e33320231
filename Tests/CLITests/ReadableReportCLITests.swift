import CalicapTestSupport
import Foundation
import Testing

/// Reports a person can read: unanswered flows grouped by node pair, the pod flows line, the
/// SEEN AT column, file names, capture points numbered in file order, CSV with every JSON field;
/// and help that teaches.
@Suite struct ReadableReportCLITests {
    static let directFolder = Fixtures.labFolder("direct")
    static let directFiles = ["w1-eth0.pcap", "w2-eth0.pcap", "w0-eth0.pcap", "router-vpc10.pcap", "router-vpc20.pcap"]
        .map { "\(directFolder)/\($0)" }

    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The lines of a table section, from its title to the next blank line.
    static func section(_ text: String, startingWith title: String) -> [String] {
        let all = lines(text)
        guard let start = all.firstIndex(where: { $0.hasPrefix(title) }) else { return [] }
        return Array(all[start...].prefix { !$0.isEmpty })
    }

    @Test func unansweredFlowsAreGroupedByNodePair() throws {
        let table = try ProcessRunner.calicap(Self.directFiles, timeout: 60)
        let json = try JSONText.object(try ProcessRunner.calicap(Self.directFiles + ["--format", "json"], timeout: 60).standardOutput)
        let flows = json["flows"] as? [[String: Any]] ?? []
        let unanswered = flows.filter { $0["answered"] as? Bool == false }
        #expect(unanswered.count == 48)
        let section = Self.section(table.standardOutput, startingWith: "Unanswered flows:")
        #expect(section.first == "Unanswered flows: 48, by node pair (each flow: --format json or csv)")
        // Title, header, a row per node pair, the per-subnet line.
        let rows = section.dropFirst(2).filter { !$0.hasPrefix("  by subnets:") }
        var pairs = Set<String>()
        for flow in unanswered {
            pairs.insert("\(flow["clientNode"] as? String ?? "?") > \(flow["serverNode"] as? String ?? "?")")
        }
        #expect(rows.count == pairs.count)
        var total = 0
        for row in rows {
            let columns = row.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            #expect(pairs.contains("\(columns[0]) > \(columns[2])"))
            #expect(columns[3] == "across" && columns[4] == "subnets")
            total += Int(columns[5]) ?? 0
        }
        #expect(total == 48)
        #expect(section.last == "  by subnets: across subnets 48 (4 node pairs)")
        // Not one line each: neither in the flow table nor as a note.
        let flowTable = Self.section(table.standardOutput, startingWith: "Flows")
        #expect(flowTable.count == 2 + flows.count - unanswered.count)
        #expect(!table.standardOutput.contains(": no reply seen"))
        #expect(table.standardOutput.contains("\n  pod flows: 24 answered, 48 unanswered\n"))
    }

    @Test func withTheNodesFileTheGroupsNameNodesAndSubnetPairs() throws {
        let table = try ProcessRunner.calicap(Self.directFiles + ["--cluster", "\(Self.directFolder)/cluster/nodes.yaml"], timeout: 60)
        let section = Self.section(table.standardOutput, startingWith: "Unanswered flows:")
        #expect(section.contains { $0.hasPrefix("  w1 > w0  across subnets 192.168.10.0/24 > 192.168.20.0/24  12 ") })
        #expect(section.contains { $0.hasPrefix("  w0 > w2  across subnets 192.168.20.0/24 > 192.168.10.0/24  12 ") })
        #expect(section.last == "  by subnets: across subnets 192.168.10.0/24 > 192.168.20.0/24 24 (2 node pairs), "
            + "across subnets 192.168.20.0/24 > 192.168.10.0/24 24 (2 node pairs)")
    }

    @Test func seenAtNamesTheCapturePointsByFile() throws {
        let table = try ProcessRunner.calicap(Self.directFiles, timeout: 60)
        let flowTable = Self.section(table.standardOutput, startingWith: "Flows")
        #expect(flowTable.count > 2)
        #expect(flowTable[1].hasSuffix("OUTCOME      SEEN AT"))
        // Same-subnet flows between w1 and w2 cross both nodes' uplinks (and no router).
        #expect(flowTable.dropFirst(2).allSatisfy { $0.hasSuffix("  w1-eth0.pcap, w2-eth0.pcap") })
        // One capture point: nothing to tell apart, no column.
        let single = try ProcessRunner.calicap(["-r", Self.directFiles[0]])
        #expect(Self.section(single.standardOutput, startingWith: "Flows").dropFirst().first?.hasSuffix("  OUTCOME") == true)
        // Full paths were given; the table names files.
        #expect(!table.standardOutput.contains(Self.directFolder))
        #expect(table.standardOutput.contains("\n  router-vpc10.pcap  EN10MB"))
    }

    @Test func jsonNumbersCapturePointsInFileOrderAndNamesThemByFile() throws {
        let document = try JSONText.object(
            try ProcessRunner.calicap(Self.directFiles.reversed() + ["--format", "json"], timeout: 60).standardOutput)
        let captures = document["captures"] as? [[String: Any]] ?? []
        #expect(captures.count == 5)
        var numbers: [Int] = []
        var names: [String] = []
        for capture in captures {
            for point in capture["capturePoints"] as? [[String: Any]] ?? [] {
                numbers.append(point["number"] as? Int ?? -1)
                names.append(point["name"] as? String ?? "")
                #expect(point["id"] is Int)
            }
        }
        #expect(numbers == [1, 2, 3, 4, 5])
        #expect(names == Self.directFiles.reversed().map { ($0 as NSString).lastPathComponent })
        let flows = document["flows"] as? [[String: Any]] ?? []
        #expect(!flows.isEmpty)
        for flow in flows {
            let seenAt = flow["seenAt"] as? [String] ?? []
            #expect(!seenAt.isEmpty)
            // In file order: the order of `names`.
            #expect(seenAt == names.filter(seenAt.contains))
        }
    }

    @Test func filesWithTheSameNameAreToldApartByTheirFolders() throws {
        let files = [Fixtures.lab("ipip", "w1-eth0.pcap"), Fixtures.lab("vxlan", "w1-eth0.pcap")]
        let table = try ProcessRunner.calicap(files)
        #expect(table.standardOutput.contains("\n  ipip/w1-eth0.pcap   EN10MB"))
        #expect(table.standardOutput.contains("\n  vxlan/w1-eth0.pcap  EN10MB"))
        #expect(!table.standardOutput.contains(Fixtures.root))
        let json = try JSONText.object(try ProcessRunner.calicap(files + ["--format", "json"]).standardOutput)
        let names = (json["captures"] as? [[String: Any]] ?? []).flatMap { capture in
            (capture["capturePoints"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        }
        #expect(names == ["ipip/w1-eth0.pcap", "vxlan/w1-eth0.pcap"])
        // The source keeps the path as given.
        #expect((json["captures"] as? [[String: Any]])?.first?["source"] as? String == files[0])
    }

    @Test func aFileWithSeveralInterfacesNamesEachPointByItsDevice() throws {
        let file = Fixtures.path("multi-interface/w1-eth0-tunl0.pcapng")
        let json = try JSONText.object(try ProcessRunner.calicap(["-r", file, "--format", "json"]).standardOutput)
        let names = (json["captures"] as? [[String: Any]] ?? []).flatMap { capture in
            (capture["capturePoints"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        }
        #expect(names == ["w1-eth0-tunl0.pcapng (eth0)", "w1-eth0-tunl0.pcapng (tunl0)"])
        // Two unnamed interfaces both taken as eth0: told apart by their place in the file.
        let twice = Fixtures.path("public/seladb_PcapPlusPlus/ipv4-malformed.pcap")
        let other = try JSONText.object(try ProcessRunner.calicap(["-r", twice, "--format", "json"]).standardOutput)
        let otherNames = (other["captures"] as? [[String: Any]] ?? []).flatMap { capture in
            (capture["capturePoints"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        }
        #expect(otherNames == ["ipv4-malformed.pcap (eth0 #0)", "ipv4-malformed.pcap (eth0 #1)"])
        // The table names the file once for both points.
        let table = try ProcessRunner.calicap(["-r", file])
        #expect(table.standardOutput.contains("  w1-eth0-tunl0.pcapng (eth0, tunl0)\n"))
    }

    /// RFC 4180 fields of one CSV line (no newlines inside fields in our output).
    static func csvFields(_ line: String) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(line)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        field.append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
        }
        fields.append(field)
        return fields
    }

    @Test func csvHasEveryFieldAJSONFlowHas() throws {
        let files = Self.directFiles
        let csv = try ProcessRunner.calicap(files + ["--format", "csv"], timeout: 60).standardOutput
        let json = try JSONText.object(try ProcessRunner.calicap(files + ["--format", "json"], timeout: 60).standardOutput)
        let rows = Self.lines(csv).filter { !$0.isEmpty }.map(Self.csvFields)
        let header = try #require(rows.first)
        // The columns of earlier releases keep their places.
        let earlier = [
            "protocol", "client_ip", "client_port", "server_ip", "server_port", "kind", "mode",
            "outer_source", "outer_destination", "vni", "packets_to_server", "packets_to_client",
            "bytes_to_server", "bytes_to_client", "first_seen", "last_seen", "answered", "carriers",
            "client_pod", "client_node", "server_pod", "server_node", "outcome",
        ]
        #expect(Array(header.prefix(earlier.count)) == earlier)
        for name in ["client_node_address", "server_node_address", "tcp_flags_from_client", "tcp_flags_from_server",
            "notes", "seen_at", "carrier_packets", "carrier_capture_points", "carrier_first_seen", "overlay",
            "carrier_overlays"]
        {
            #expect(header.contains(name), "no column \(name)")
        }
        let flows = json["flows"] as? [[String: Any]] ?? []
        #expect(rows.count == flows.count + 1)
        func column(_ row: [String], _ name: String) -> String {
            header.firstIndex(of: name).flatMap { row.indices.contains($0) ? row[$0] : nil } ?? "<missing>"
        }
        for (row, flow) in zip(rows.dropFirst(), flows) {
            #expect(row.count == header.count)
            #expect(column(row, "client_node_address") == (flow["clientNode"] as? String ?? ""))
            #expect(column(row, "server_node_address") == (flow["serverNode"] as? String ?? ""))
            #expect(column(row, "notes") == (flow["notes"] as? [String] ?? []).joined(separator: "; "))
            #expect(column(row, "seen_at") == (flow["seenAt"] as? [String] ?? []).joined(separator: ";"))
            #expect(column(row, "overlay") == (flow["overlay"] as? String ?? ""))
            let carriers = flow["carriers"] as? [[String: Any]] ?? []
            #expect(column(row, "carrier_overlays") == carriers.map { $0["overlay"] as? String ?? "" }.joined(separator: ";"))
            #expect(column(row, "carrier_packets") == carriers.map { String($0["packets"] as? Int ?? -1) }.joined(separator: ";"))
            #expect(column(row, "carrier_capture_points")
                == carriers.map { ($0["capturePoints"] as? [Int] ?? []).map(String.init).joined(separator: " ") }.joined(separator: ";"))
            if let flags = flow["tcpFlags"] as? [String: Any] {
                #expect(column(row, "tcp_flags_from_client") == flags["fromClient"] as? String)
                #expect(column(row, "tcp_flags_from_server") == flags["fromServer"] as? String)
            } else {
                #expect(column(row, "tcp_flags_from_client").isEmpty)
            }
        }
    }

    @Test func helpNamesEveryModeAndTeaches() throws {
        let overview = try ProcessRunner.calicap(["--help"]).standardOutput
        for mode in ["IPIP", "VXLAN", "Direct", "WireGuard", "local", "mixed"] {
            #expect(overview.contains(mode), "the overview does not name \(mode)")
        }
        for command in ["analyze", "capture"] {
            let help = try ProcessRunner.calicap(["help", command])
            #expect(help.status == 0)
            #expect(help.standardOutput.contains("Examples:\n  calicap "))
            // The capture-point table, a line per point.
            for point in ["eth0, router port", "tunl0 ", "vxlan.calico ", "wireguard.cali ", "cali... (pod veth)", "any "] {
                #expect(help.standardOutput.contains("\n  " + point), "help \(command) lacks \(point)")
            }
            #expect(help.standardOutput.contains("--inner-filter"))
            #expect(Self.lines(help.standardOutput).allSatisfy { $0.count <= 80 })
        }
    }
}
