import Testing

/// What a capture of the lab's traffic must show, checked against the traffic manifest.
enum CaptureExpectation: Sendable {
    /// The node's uplink: every cross-node flow of the captured node (`flows` of them) with the
    /// mode's carrier, answered, pod-to-pod, tunnels with the node IPs as outer endpoints; the
    /// pool verdict `pool`.
    case uplink(flows: Int, pool: String)
    /// A tunnel device: only the tunnelled flows, with their carrier and no outer endpoints, each
    /// packet as often as on the uplink.
    case tunnelDevice
    /// The uplink and the tunnel device together: every flow `mode`, each packet counted once (as
    /// on the uplink alone), the outer endpoints kept; the pool verdict `pool`.
    case uplinkAndTunnel(mode: String, pool: String)
    /// `any`: cross-node flows with their carrier, counted once (as on the uplink alone); the
    /// same-node pair local.
    case anyInterface
    /// Live `--pod ADDRESS` on the uplink: exactly the cross-node flows of the captured node
    /// with that pod at one end (the pod's packets inside the tunnels), nothing else; the -w
    /// file holds only those packets.
    case pod(String)
}

/// One capture of one lab mode, and what it must show: a row of the namespace-lab table.
struct LabScenario: Sendable, CustomTestStringConvertible {
    var mode: LabMode
    var capture: CaptureSpec
    var expectation: CaptureExpectation
    /// Live captures only: also the same verdicts and packet counts as tcpdump's capture of the
    /// same interfaces during the same traffic.
    var comparedWithTcpdump = false

    init(_ mode: LabMode, _ backend: CaptureBackend, _ interfaces: [String], _ expectation: CaptureExpectation,
         comparedWithTcpdump: Bool = false) {
        self.mode = mode
        var pod: String?
        if case .pod(let address) = expectation { pod = address }
        self.capture = CaptureSpec(backend: backend, interfaces: interfaces, pod: pod)
        self.expectation = expectation
        self.comparedWithTcpdump = comparedWithTcpdump
    }

    /// Live captures also write a pcapng file, whose replay must agree with the live report.
    var checksReplay: Bool { capture.backend == .live }

    var testDescription: String {
        let interfaces = capture.interfaces.map { "-i \($0)" }.joined(separator: " ")
        switch capture.backend {
        case .tcpdump: return "\(mode): tcpdump \(interfaces) → calicap -r"
        case .live:
            let pod = capture.pod.map { " --pod \($0)" } ?? ""
            return "\(mode): calicap \(interfaces)\(pod) (live), and calicap -r of its -w file"
        }
    }

    /// Every capture of every mode. Each mode's lab runs once, with all of its captures on node a
    /// at the same time (in this order), the ones this machine offers.
    static let all: [LabScenario] = [
        LabScenario(.direct, .tcpdump, ["eth0"], .uplink(flows: 48, pool: "Never")),
        LabScenario(.direct, .tcpdump, ["any"], .anyInterface),
        LabScenario(.direct, .live, ["eth0"], .uplink(flows: 48, pool: "Never"), comparedWithTcpdump: true),
        LabScenario(.direct, .live, ["any"], .anyInterface, comparedWithTcpdump: true),

        LabScenario(.vxlan, .tcpdump, ["eth0"], .uplink(flows: 48, pool: "Always")),
        LabScenario(.vxlan, .tcpdump, ["any"], .anyInterface),
        LabScenario(.vxlan, .tcpdump, ["vxlan.calico"], .tunnelDevice),
        LabScenario(.vxlan, .live, ["eth0"], .uplink(flows: 48, pool: "Always"), comparedWithTcpdump: true),
        LabScenario(.vxlan, .live, ["any"], .anyInterface, comparedWithTcpdump: true),
        LabScenario(.vxlan, .live, ["vxlan.calico"], .tunnelDevice, comparedWithTcpdump: true),
        LabScenario(.vxlan, .live, ["eth0"], .pod("10.66.140.5")),

        LabScenario(.ipip, .tcpdump, ["eth0"], .uplink(flows: 48, pool: "Always")),
        LabScenario(.ipip, .tcpdump, ["any"], .anyInterface),
        LabScenario(.ipip, .tcpdump, ["tunl0"], .tunnelDevice),
        LabScenario(.ipip, .tcpdump, ["eth0", "tunl0"], .uplinkAndTunnel(mode: "ipip", pool: "Always")),
        LabScenario(.ipip, .live, ["eth0"], .uplink(flows: 48, pool: "Always"), comparedWithTcpdump: true),
        LabScenario(.ipip, .live, ["any"], .anyInterface, comparedWithTcpdump: true),
        LabScenario(.ipip, .live, ["tunl0"], .tunnelDevice, comparedWithTcpdump: true),
        LabScenario(.ipip, .live, ["eth0", "tunl0"], .uplinkAndTunnel(mode: "ipip", pool: "Always")),
        LabScenario(.ipip, .live, ["eth0"], .pod("10.66.140.5")),

        LabScenario(.crosssubnet, .tcpdump, ["eth0"], .uplink(flows: 48, pool: "CrossSubnet")),
        LabScenario(.crosssubnet, .tcpdump, ["any"], .anyInterface),
        LabScenario(.crosssubnet, .live, ["eth0"], .uplink(flows: 48, pool: "CrossSubnet"), comparedWithTcpdump: true),
        LabScenario(.crosssubnet, .live, ["any"], .anyInterface, comparedWithTcpdump: true),
    ]

    /// The captures a mode's lab run starts: its rows whose backend this machine offers.
    static func captures(of mode: LabMode) -> [CaptureSpec] {
        all.filter { $0.mode == mode && LabEnvironment.offers($0.capture.backend) }.map(\.capture)
    }
}
