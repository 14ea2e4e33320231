import Wire
import Verification

/// Small observations in the shape of the lab's CrossSubnet cluster (test support).
enum ObservationSamples {
    static func flow(
        _ client: String, _ server: String, mode: String, answered: Bool = true, protocolName: String = "tcp",
        port: UInt16 = 8080, kind: String = "pod-to-pod", clientNode: String? = nil, serverNode: String? = nil
    ) -> ObservedFlow {
        ObservedFlow(
            protocolName: protocolName, client: ObservedEndpoint(address: IPAddress(client)!, port: 40000),
            server: ObservedEndpoint(address: IPAddress(server)!, port: port), kind: kind, mode: mode, answered: answered,
            packets: 20, clientNode: clientNode.flatMap { IPAddress($0) }, serverNode: serverNode.flatMap { IPAddress($0) })
    }

    /// w1-p0 → w2-p0 direct, w1-p0 → w0-p0 over IPIP (with node addresses), one unanswered UDP.
    static let crossSubnet = Observation(
        sources: ["w1-eth0.pcap"],
        flows: [
            flow("172.16.158.1", "172.16.184.1", mode: "direct"),
            flow("172.16.158.1", "172.16.34.1", mode: "ipip", clientNode: "192.168.10.101", serverNode: "192.168.20.100"),
            flow("172.16.158.1", "172.16.34.1", mode: "ipip", answered: false, protocolName: "udp", port: 9000,
                 clientNode: "192.168.10.101", serverNode: "192.168.20.100"),
            flow("192.168.10.101", "192.168.10.102", mode: "direct", kind: "host-to-host"),
        ],
        pool: ObservedPool(behaviour: "CrossSubnet", encapsulation: "ipip", ipipMode: .crossSubnet, vxlanMode: .never),
        findings: ["mtu-fragmentation-needed", "unanswered-pod-flows"])
}
