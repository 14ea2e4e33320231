import Wire

/// The MAC addresses Calico gives its own devices, which tell a capture point's role.
extension MACAddress {
    /// The host side of every Calico workload veth (`cali*`).
    public static let calicoWorkloadHost = MACAddress(rawValue: 0xeeee_eeee_eeee)

    /// Calico VXLAN VTEP MACs are 0x66 followed by five bytes of SHA-1(nodename).
    public var isCalicoVTEP: Bool { firstByte == 0x66 }

    /// Whether either address of a frame is a Calico VTEP MAC (a `vxlan.calico` device, or the
    /// inner frame of Calico's VXLAN).
    static func eitherIsCalicoVTEP(_ source: MACAddress?, _ destination: MACAddress?) -> Bool {
        (source?.isCalicoVTEP ?? false) || (destination?.isCalicoVTEP ?? false)
    }
}
