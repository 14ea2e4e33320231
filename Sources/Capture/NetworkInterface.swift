/// A capture device as pcap_findalldevs describes it.
public struct NetworkInterface: Sendable, Hashable {
    public enum ConnectionStatus: Sendable, Hashable {
        case unknown, connected, disconnected, notApplicable
    }

    public var name: String
    public var description: String?
    public var isUp: Bool
    public var isRunning: Bool
    public var isLoopback: Bool
    public var isWireless: Bool
    public var connectionStatus: ConnectionStatus
    /// The device's IPv4 and IPv6 addresses, as text.
    public var addresses: [String]

    public init(
        name: String, description: String? = nil, isUp: Bool = false, isRunning: Bool = false,
        isLoopback: Bool = false, isWireless: Bool = false, connectionStatus: ConnectionStatus = .unknown,
        addresses: [String] = []
    ) {
        self.name = name
        self.description = description
        self.isUp = isUp
        self.isRunning = isRunning
        self.isLoopback = isLoopback
        self.isWireless = isWireless
        self.connectionStatus = connectionStatus
        self.addresses = addresses
    }

    /// tcpdump -D's bracketed flags (`Up, Running, Connected`, `none`); nil when libpcap reported
    /// no flag at all, where tcpdump prints no brackets.
    public var flagsText: String? {
        if !isUp && !isRunning && !isLoopback && !isWireless && connectionStatus == .unknown { return nil }
        var words: [String] = []
        if isUp { words.append("Up") }
        if isRunning { words.append("Running") }
        if isLoopback { words.append("Loopback") }
        if isWireless { words.append("Wireless") }
        if words.isEmpty { words.append("none") }
        switch (connectionStatus, isWireless) {
        case (.unknown, false): words.append("Connection status unknown")
        case (.unknown, true): words.append("Association status unknown")
        case (.connected, false): words.append("Connected")
        case (.connected, true): words.append("Associated")
        case (.disconnected, false): words.append("Disconnected")
        case (.disconnected, true): words.append("Not associated")
        case (.notApplicable, _): break
        }
        return words.joined(separator: ", ")
    }
}
