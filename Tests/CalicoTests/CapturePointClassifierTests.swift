import Calico
import PacketTestSupport
import Testing
import Wire

@Suite struct CapturePointClassifierTests {
    static func point(
        _ id: Int = 0, name: String? = nil, linkType: LinkType = .ethernet, capture: Int = 0,
        interfaceIndex: UInt32? = nil, hardwareType: UInt16? = nil
    ) -> CapturePoint {
        CapturePoint(
            id: id, captureIndex: capture, interfaceName: name, linkType: linkType, cookedInterfaceIndex: interfaceIndex,
            cookedAddressType: hardwareType)
    }

    static func classified(_ point: CapturePoint, capturedOn: String? = nil) -> CapturePoint {
        var points = [point]
        CapturePointClassifier.classify(&points, capturedOn: capturedOn)
        return points[0]
    }

    static let plainPing = Packets.echo(Lab.podA, Lab.podB, identifier: 1, request: true)

    // MARK: Named devices

    @Test(arguments: [
        ("eth0", CapturePointRole.uplink), ("ens5", .uplink), ("tunl0", .ipipDevice), ("vxlan.calico", .vxlanDevice),
        ("vxlan-v6.calico", .vxlanDevice), ("cali1a2b3c4d5e6", .workload), ("wireguard.cali", .wireguardDevice),
        ("wg-v6.cali", .wireguardDevice), ("lo", .loopback), ("LO", .loopback),
    ])
    func namedDevices(name: String, role: CapturePointRole) {
        var point = Self.point(name: name)
        // The name wins over what the packets suggest.
        point.statistics.count(Packets.framed(Self.plainPing, source: .calicoWorkloadHost, destination: .zero))
        let result = Self.classified(point)
        #expect(result.role == role)
        #expect(!result.roleAssumed)
        #expect(result.roleReason == "interface \(name), named by the capture")
    }

    @Test func anyIsNotAName() {
        let result = Self.classified(Self.point(name: "any", linkType: .raw))
        #expect(result.role == .ipipDevice)
        #expect(result.roleAssumed)
    }

    @Test func capturedOnNamesAnUnnamedCapture() {
        let result = Self.classified(Self.point(), capturedOn: "tunl0")
        #expect(result.role == .ipipDevice)
        #expect(!result.roleAssumed)
        #expect(result.roleReason == "--captured-on tunl0")
    }

    @Test func capturedOnDoesNotApplyToCookedInterfaces() {
        let result = Self.classified(
            Self.point(linkType: .linuxSLL2, interfaceIndex: 1, hardwareType: 772), capturedOn: "tunl0")
        #expect(result.role == .loopback)
        #expect(result.roleAssumed)
    }

    // MARK: Inferred from the packets

    @Test func tunnelOuterHeadersMakeAnUplink() {
        var point = Self.point()
        point.statistics.count(Packets.ipip(Self.plainPing, Lab.node1, Lab.node2))
        let result = Self.classified(point)
        #expect(result.role == .uplink)
        #expect(result.roleAssumed)
        #expect(result.roleReason == "carries tunnel outer headers (1 packets)")
    }

    @Test func workloadMACMakesAWorkloadVeth() {
        var point = Self.point()
        point.statistics.count(Packets.framed(Self.plainPing, source: .calicoWorkloadHost, destination: MACAddress(rawValue: 0x0a_58_0a_f4_01_05)))
        #expect(Self.classified(point).role == .workload)
    }

    /// Calico VTEP MACs (66:…) on at least half of the IP packets: vxlan.calico.
    @Test(arguments: [(3, 3, CapturePointRole.vxlanDevice), (1, 1, .vxlanDevice), (2, 4, .uplink), (0, 5, .uplink)])
    func vtepMACMajorityMakesAVXLANDevice(vtepPackets: Int, otherPackets: Int, role: CapturePointRole) {
        var point = Self.point()
        let vtep1 = MACAddress(rawValue: 0x66_00_00_00_00_01)
        let vtep2 = MACAddress(rawValue: 0x66_00_00_00_00_02)
        for _ in 0..<vtepPackets {
            point.statistics.count(Packets.framed(Self.plainPing, source: vtep1, destination: vtep2))
        }
        for _ in 0..<otherPackets {
            point.statistics.count(
                Packets.framed(Self.plainPing, source: MACAddress(rawValue: 0x52_54_00_00_00_01), destination: MACAddress(rawValue: 0x52_54_00_00_00_02)))
        }
        #expect(Self.classified(point).role == role)
    }

    @Test func rawIPIsTunl0() {
        var point = Self.point(linkType: .raw)
        point.statistics.count(Self.plainPing)
        let result = Self.classified(point)
        #expect(result.role == .ipipDevice)
        #expect(result.roleReason == "raw IP link type with no outer headers, taken as tunl0")
    }

    @Test func rawIPWithWireGuardAndNoIPIPIsTheWireGuardDevice() {
        var uplink = Self.point(0)
        uplink.statistics.count(Packets.wireguard(Lab.node1, 51820, Lab.node2, 51820))
        var raw = Self.point(1, linkType: .raw)
        raw.statistics.count(Self.plainPing)
        var points = [uplink, raw]
        CapturePointClassifier.classify(&points)
        #expect(points[0].role == .uplink)
        #expect(points[1].role == .wireguardDevice)
        #expect(points[1].roleReason == "raw IP link type in a capture that shows WireGuard and no IPIP")
    }

    @Test func rawIPWithWireGuardAndIPIPIsTunl0() {
        var uplink = Self.point(0)
        uplink.statistics.count(Packets.wireguard(Lab.node1, 51820, Lab.node2, 51820))
        uplink.statistics.count(Packets.ipip(Self.plainPing, Lab.node1, Lab.node2))
        var raw = Self.point(1, linkType: .raw)
        raw.statistics.count(Self.plainPing)
        var points = [uplink, raw]
        CapturePointClassifier.classify(&points)
        #expect(points[1].role == .ipipDevice)
    }

    /// `-i any` (SLL2): the ARPHRD type of each interface.
    @Test(arguments: [
        (UInt16(772), CapturePointRole.loopback), (768, .ipipDevice), (769, .ipipDevice), (776, .ipipDevice),
        (65534, .ipipDevice), (1, .uplink),
    ])
    func cookedHardwareTypes(hardwareType: UInt16, role: CapturePointRole) {
        var point = Self.point(linkType: .linuxSLL2, interfaceIndex: 4, hardwareType: hardwareType)
        point.statistics.count(Self.plainPing)
        #expect(Self.classified(point).role == role)
    }

    @Test func cookedNoneHardwareWithWireGuardIsTheWireGuardDevice() {
        var uplink = Self.point(0, linkType: .linuxSLL2, interfaceIndex: 2, hardwareType: 1)
        uplink.statistics.count(Packets.wireguard(Lab.node1, 51820, Lab.node2, 51820))
        var device = Self.point(1, linkType: .linuxSLL2, interfaceIndex: 9, hardwareType: 65534)
        device.statistics.count(Self.plainPing)
        var points = [uplink, device]
        CapturePointClassifier.classify(&points)
        #expect(points[0].role == .uplink)
        #expect(points[1].role == .wireguardDevice)
    }

    @Test func bsdLoopbackLinkType() {
        #expect(Self.classified(Self.point(linkType: .null)).role == .loopback)
    }

    @Test func plainEthernetIsAnUplink() {
        var point = Self.point()
        point.statistics.count(Self.plainPing)
        let result = Self.classified(point)
        #expect(result.role == .uplink)
        #expect(result.roleAssumed)
    }

    // MARK: Statistics

    @Test func countsWhatThePacketsShow() {
        var statistics = CapturePointStatistics()
        statistics.count(Dissection())  // not IP
        statistics.count(Packets.ipip(Self.plainPing, Lab.node1, Lab.node2))
        statistics.count(Packets.vxlan(Self.plainPing, Lab.node1, Lab.node2))
        statistics.count(Packets.foreignTunnel(.geneve, Self.plainPing, Lab.node1, Lab.node2))
        statistics.count(Packets.wireguard(Lab.node1, 51820, Lab.node2, 51820))
        statistics.count(Packets.framed(Self.plainPing, source: .calicoWorkloadHost, destination: .zero))
        statistics.count(
            Packets.framed(Self.plainPing, source: MACAddress(rawValue: 0x66_00_00_00_00_01), destination: .zero))
        #expect(statistics.packets == 7)
        #expect(statistics.ipPackets == 6)
        #expect(statistics.tunnelOuterPackets == 4)
        #expect(statistics.ipInIPPackets == 1)
        #expect(statistics.vxlanPackets == 1)
        #expect(statistics.wireguardPackets == 1)
        #expect(statistics.plainPackets == 2)
        #expect(statistics.workloadMACPackets == 1)
        #expect(statistics.vtepMACPackets == 1)
    }

    @Test(arguments: [
        ("eth0", "eth0"), ("tunl0", "tunl0"), ("vxlan.calico", "vxlan.calico"), ("cali123", "cali*"),
        ("wireguard.cali", "wireguard.cali"), ("lo", "lo"),
    ])
    func typicalDeviceNames(name: String, device: String) {
        #expect(CapturePointRole(interfaceName: name)?.typicalDevice == device)
    }
}
