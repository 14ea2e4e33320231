/// Why a live capture could not start or could not go on: one line for the user each.
public enum LiveCaptureError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Capturing needs root, or CAP_NET_RAW and CAP_NET_ADMIN (PCAP_ERROR_PERM_DENIED).
    case permissionDenied(device: String, message: String)
    /// Promiscuous mode was refused (PCAP_ERROR_PROMISC_PERM_DENIED).
    case promiscuousPermissionDenied(device: String, message: String)
    /// PCAP_ERROR_NO_SUCH_DEVICE; `available` lists the devices pcap_findalldevs knows.
    case noSuchDevice(device: String, available: [String])
    /// PCAP_ERROR_IFACE_NOT_UP.
    case interfaceNotUp(device: String)
    /// Any other activation failure, with libpcap's message.
    case activationFailed(device: String, message: String)
    /// The BPF filter did not compile for this device's link type, or could not be installed.
    case filter(device: String, error: FilterError)
    /// The device disappeared or went down while capturing.
    case interfaceWentAway(device: String, message: String)
    /// pcap_next_ex failed for another reason.
    case readFailed(device: String, message: String)
    /// pcap_findalldevs failed.
    case deviceListFailed(message: String)

    /// The device the error is about, if any.
    public var device: String? {
        switch self {
        case .permissionDenied(let device, _), .promiscuousPermissionDenied(let device, _),
            .noSuchDevice(let device, _), .interfaceNotUp(let device), .activationFailed(let device, _),
            .filter(let device, _), .interfaceWentAway(let device, _), .readFailed(let device, _):
            device
        case .deviceListFailed: nil
        }
    }

    public var description: String {
        switch self {
        case .permissionDenied(let device, let message):
            return "\(device): no permission to capture (\(message)): run as root, or grant CAP_NET_RAW and CAP_NET_ADMIN "
                + "(setcap cap_net_raw,cap_net_admin=eip calicap)"
        case .promiscuousPermissionDenied(let device, let message):
            return "\(device): no permission to use promiscuous mode (\(message)); try -p"
        case .noSuchDevice(let device, let available):
            let list = available.isEmpty ? "none found" : available.joined(separator: ", ")
            return "\(device): no such interface (interfaces: \(list); see calicap -D)"
        case .interfaceNotUp(let device):
            return "\(device): the interface is not up"
        case .activationFailed(let device, let message):
            return "\(device): cannot capture: \(message)"
        case .filter(_, let error):
            return error.description
        case .interfaceWentAway(let device, let message):
            return "\(device): the interface went away (\(message))"
        case .readFailed(let device, let message):
            return "\(device): capture failed: \(message)"
        case .deviceListFailed(let message):
            return "cannot list capture devices: \(message)"
        }
    }
}
