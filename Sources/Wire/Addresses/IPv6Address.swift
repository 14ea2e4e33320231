/// An IPv6 address as two host-order halves (`high` holds the first eight bytes).
public struct IPv6Address: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var high: UInt64
    public var low: UInt64
    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Reads sixteen bytes at `offset`; the caller has checked the length.
    @inlinable
    public init(_ bytes: RawSpan, at offset: Int) {
        high = bytes.be64(at: offset)
        low = bytes.be64(at: offset + 8)
    }

    /// Parses RFC 4291 text (`fd00::1`, `2001:db8::192.0.2.1`); nil for anything else.
    public init?(_ text: some StringProtocol) {
        let string = String(text)
        var groups: [UInt16] = []
        var halves: [String] = []
        if let gap = string.firstRange(of: "::") {
            halves = [String(string[..<gap.lowerBound]), String(string[gap.upperBound...])]
            guard !halves[1].contains("::") else { return nil }
        } else {
            halves = [string]
        }
        func parse(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result: [UInt16] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if index == pieces.count - 1, piece.contains("."), let v4 = IPv4Address(piece) {
                    result.append(UInt16(v4.rawValue >> 16))
                    result.append(UInt16(v4.rawValue & 0xffff))
                } else {
                    guard !piece.isEmpty, piece.count <= 4, let value = UInt16(piece, radix: 16) else { return nil }
                    result.append(value)
                }
            }
            return result
        }
        guard let head = parse(halves[0]) else { return nil }
        groups = head
        if halves.count == 2 {
            guard let tail = parse(halves[1]), head.count + tail.count <= 7 else { return nil }
            groups += Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        guard groups.count == 8 else { return nil }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for index in 0..<4 { high = high << 16 | UInt64(groups[index]) }
        for index in 4..<8 { low = low << 16 | UInt64(groups[index]) }
        self.init(high: high, low: low)
    }

    /// The eight 16-bit groups, first to last.
    public var groups: [UInt16] {
        (0..<4).map { UInt16(truncatingIfNeeded: high >> UInt64(48 - 16 * $0)) }
            + (0..<4).map { UInt16(truncatingIfNeeded: low >> UInt64(48 - 16 * $0)) }
    }

    /// RFC 5952 text: lowercase, the longest run of two or more zero groups compressed.
    public var description: String {
        let groups = self.groups
        var bestStart = -1
        var bestLength = 0
        var index = 0
        while index < 8 {
            if groups[index] == 0 {
                var end = index
                while end < 8 && groups[end] == 0 { end += 1 }
                if end - index > bestLength {
                    bestStart = index
                    bestLength = end - index
                }
                index = end
            } else {
                index += 1
            }
        }
        func text(_ range: Range<Int>) -> String {
            range.map { String(groups[$0], radix: 16) }.joined(separator: ":")
        }
        guard bestLength >= 2 else { return text(0..<8) }
        return text(0..<bestStart) + "::" + text((bestStart + bestLength)..<8)
    }

    public static func < (lhs: IPv6Address, rhs: IPv6Address) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }
}
