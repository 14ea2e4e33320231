import ArgumentParser
import Inputs
import Report
import Wire

/// `--inner-filter EXPR` and `--pod IP|CIDR`: a BPF filter run on each packet's innermost IP
/// packet (the pod's, inside IP-in-IP or VXLAN), shared by `analyze`, `capture` and `verify`.
struct InnerFilterOptions: ParsableArguments {
    @Option(name: .customLong("inner-filter"), help: ArgumentHelp("A BPF filter run on each packet's innermost IP packet (the pod's packet inside IP-in-IP or VXLAN; the packet itself when not tunnelled), e.g. 'host 172.16.34.1 and tcp port 8080'. The trailing filter sees outer headers.", valueName: "expression"))
    var innerFilter: String?

    @Option(name: .customLong("pod"), help: ArgumentHelp("Keep only the packets of this pod address or network (IPv4 or IPv6, either direction), inside tunnels too: the short form of --inner-filter 'host IP' / 'net CIDR'. Repeatable (any of them).", valueName: "ip|cidr"))
    var pods: [String] = []

    func validate() throws {
        for pod in pods where IPNetwork(pod) == nil {
            throw ValidationError("--pod '\(pod)' is not an address or address/prefix such as 172.16.34.1 or 172.16.34.0/26")
        }
        if let innerFilter, innerFilter.allSatisfy(\.isWhitespace) {
            throw ValidationError("--inner-filter needs an expression, e.g. 'host 172.16.34.1'")
        }
    }

    /// The expression to run on inner packets; nil without either option.
    var expression: String? {
        InnerFilter.expression(innerFilter: innerFilter, pods: pods.compactMap { IPNetwork($0) })
    }

    /// Compiles the expression once so that a bad one is one line and exit status 3 before any
    /// capture starts (as a bad outer filter is).
    func check() throws {
        guard let expression else { return }
        do {
            _ = try InnerFilter(expression: expression)
        } catch {
            StandardStreams.error(TerminalText.safe(error.description))
            throw ExitCode(ExitStatus.inputUnreadable.rawValue)
        }
    }
}
