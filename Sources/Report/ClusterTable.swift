import Analysis

/// The table's lines for what the cluster files add: the configured pool and each pair's
/// expected carrier.
enum ClusterTable {
    /// `; expected direct both ways: agrees` after a node pair's modes.
    static func expectation(_ expectation: NodePairExpectation) -> String {
        guard !expectation.expected.isEmpty else {
            return expectation.unknownBecause.map { "; expected: unknown (\(TerminalText.safe($0)))" } ?? ""
        }
        let carriers = Array(Set(expectation.expected.map(\.carrier))).sorted()
        let expected = carriers.count == 1
            ? "\(carriers[0]) both ways"
            : expectation.expected.map { "\(TerminalText.safe($0.from)) > \(TerminalText.safe($0.to)) \($0.carrier)" }
                .joined(separator: ", ")
        let verdict = expectation.agrees == false ? "DISAGREES" : "agrees"
        return "; expected \(expected): \(verdict)"
    }

    /// `  configured: NAME CIDR ipipMode … vxlanMode … (FILE): the capture agrees`
    static func configured(_ cluster: ClusterReading) -> String {
        var output = ""
        for pool in cluster.configuredPools {
            output += "  configured: \(TerminalText.safe(pool.name)) \(pool.cidr) ipipMode \(pool.ipipMode) "
                + "vxlanMode \(pool.vxlanMode) (\(TerminalText.safe(pool.sourceFile)))\n"
        }
        switch cluster.agrees {
        case true?: output += "    the capture agrees with the configuration\n"
        case false?: output += "    the capture CONTRADICTS the configuration\n"
        case nil: output += "    no node pair could be compared with the configuration\n"
        }
        for finding in cluster.findings {
            output += "    \(TerminalText.safe(finding.detail))\n"
        }
        return output
    }
}
