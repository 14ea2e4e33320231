/// The TCP control bits (RFC 9293, RFC 3168 ECN, the AE bit of accurate ECN).
public struct TCPFlags: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let fin = TCPFlags(rawValue: 0x01)
    public static let syn = TCPFlags(rawValue: 0x02)
    public static let reset = TCPFlags(rawValue: 0x04)
    public static let push = TCPFlags(rawValue: 0x08)
    public static let acknowledgment = TCPFlags(rawValue: 0x10)
    public static let urgent = TCPFlags(rawValue: 0x20)
    /// ECN-Echo.
    public static let ece = TCPFlags(rawValue: 0x40)
    /// Congestion Window Reduced.
    public static let cwr = TCPFlags(rawValue: 0x80)
    /// AE, the former NS bit (RFC 9768 accurate ECN).
    public static let accurateECN = TCPFlags(rawValue: 0x100)

    /// Every bit the header defines.
    public static let all: TCPFlags = [.fin, .syn, .reset, .push, .acknowledgment, .urgent, .ece, .cwr, .accurateECN]

    /// tcpdump style: `[S]`, `[S.]`, `[P.]`, `[R]`; letters F S R P U E W (then `e` for AE),
    /// then `.` for ACK; `[none]` when no bit is set.
    public var description: String {
        let letters: [(TCPFlags, Character)] = [
            (.fin, "F"), (.syn, "S"), (.reset, "R"), (.push, "P"), (.urgent, "U"), (.ece, "E"), (.cwr, "W"),
            (.accurateECN, "e"), (.acknowledgment, "."),
        ]
        var text = ""
        for (flag, letter) in letters where contains(flag) {
            text.append(letter)
        }
        return "[" + (text.isEmpty ? "none" : text) + "]"
    }
}
