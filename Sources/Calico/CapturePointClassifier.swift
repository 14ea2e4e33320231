import Wire

/// Decides each capture point's role: from its interface name when the file or the user names
/// it, else from what its packets look like.
public enum CapturePointClassifier {
    /// Linux ARPHRD types seen in cooked captures.
    enum HardwareType {
        static let ether: UInt16 = 1
        static let tunnel: UInt16 = 768
        static let tunnel6: UInt16 = 769
        static let sit: UInt16 = 776
        static let loopback: UInt16 = 772
        static let none: UInt16 = 65534
    }

    /// `capturedOn`: the device every capture was made on (`--captured-on NAME`);
    /// `capturedOnByCapture`: per capture index (`--captured-on FILE=NAME`), which wins.
    public static func classify(
        _ points: inout [CapturePoint], capturedOn override: String? = nil, capturedOnByCapture: [Int: String] = [:]
    ) {
        let sawWireGuard = points.contains { $0.statistics.wireguardPackets > 0 }
        let sawIPInIP = points.contains { $0.statistics.ipInIPPackets > 0 }
        let rawMeansWireGuard = sawWireGuard && !sawIPInIP
        for index in points.indices {
            let pointOverride = capturedOnByCapture[points[index].captureIndex] ?? override
            classify(&points[index], override: pointOverride, rawMeansWireGuard: rawMeansWireGuard)
        }
    }

    static func classify(_ point: inout CapturePoint, override: String?, rawMeansWireGuard: Bool) {
        if let override, let role = CapturePointRole(interfaceName: override), point.cookedInterfaceIndex == nil {
            point.role = role
            point.roleAssumed = false
            point.roleReason = "--captured-on \(override)"
            return
        }
        if let name = point.interfaceName, let role = CapturePointRole(interfaceName: name) {
            point.role = role
            point.roleAssumed = false
            point.roleReason = "interface \(name), named by the capture"
            return
        }
        let statistics = point.statistics
        let rawRole: CapturePointRole = rawMeansWireGuard ? .wireguardDevice : .ipipDevice
        if statistics.tunnelOuterPackets > 0 {
            point.role = .uplink
            point.roleReason = "carries tunnel outer headers (\(statistics.tunnelOuterPackets) packets)"
        } else if statistics.workloadMACPackets > 0 {
            point.role = .workload
            point.roleReason = "frames to or from ee:ee:ee:ee:ee:ee, the host side of a Calico workload veth"
        } else if statistics.vtepMACPackets > 0 && statistics.vtepMACPackets * 2 >= statistics.ipPackets {
            point.role = .vxlanDevice
            point.roleReason = "inner frames between Calico VTEP MACs (66:…) with no outer header"
        } else if let hardware = point.cookedAddressType {
            switch hardware {
            case HardwareType.loopback:
                point.role = .loopback
                point.roleReason = "loopback device"
            case HardwareType.tunnel, HardwareType.tunnel6, HardwareType.sit:
                point.role = .ipipDevice
                point.roleReason = "IP tunnel device with no outer headers"
            case HardwareType.none:
                point.role = rawRole
                point.roleReason = rawMeansWireGuard
                    ? "raw IP device in a capture that shows WireGuard and no IPIP"
                    : "raw IP device with no outer headers, taken as tunl0"
            default:
                point.role = .uplink
                point.roleReason = "Ethernet device with no tunnel, VTEP or workload traffic"
            }
        } else if point.linkType.isRawIP {
            point.role = rawRole
            point.roleReason = rawMeansWireGuard
                ? "raw IP link type in a capture that shows WireGuard and no IPIP"
                : "raw IP link type with no outer headers, taken as tunl0"
        } else if point.linkType == .null || point.linkType == .loop {
            point.role = .loopback
            point.roleReason = "BSD loopback link type"
        } else {
            point.role = .uplink
            point.roleReason = "Ethernet with no tunnel, VTEP or workload traffic, taken as an uplink (eth0)"
        }
        point.roleAssumed = true
    }
}
