import Wire

extension MACAddress {
    /// Parses six hexadecimal bytes separated by `:` or `-` (`66:00:ac:10:9e:00`); nil otherwise.
    init?(text: some StringProtocol) {
        let separator: Character = text.contains("-") ? "-" : ":"
        let parts = text.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 6 else { return nil }
        var value: UInt64 = 0
        for part in parts {
            guard (1...2).contains(part.count), let byte = UInt8(part, radix: 16) else { return nil }
            value = value << 8 | UInt64(byte)
        }
        self.init(rawValue: value)
    }
}
