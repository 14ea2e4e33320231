/// Walks a captured packet from its link layer to the innermost transport header.
///
/// Dispatch is a `switch` over the next layer, with tunnels pushed onto an ordered stack (outer to
/// inner). The walk is total: every problem becomes an anomaly in the result, never a trap, and
/// the loop is bounded by the encapsulation depth and a hard step limit. The analyzers live in
/// one file per layer family: `Dissector+Link`, `+IP`, `+Tunnels`, `+ICMP`, `+Fingerprint`.
public struct Dissector: Sendable {
    public var options: DissectOptions

    public init(options: DissectOptions = DissectOptions()) {
        self.options = options
    }

    /// The next layer to decode, and where it lies in the bytes of the layer that named it.
    enum NextLayer {
        case ethernet(Range<Int>)
        case ipv4(Range<Int>)
        case ipv6(Range<Int>)
        case arp(Range<Int>)
        case done

        var isDone: Bool {
            if case .done = self { return true }
            return false
        }

        /// The same layer, with its range moved `offset` bytes later (into the enclosing layer's bytes).
        func shifted(by offset: Int) -> NextLayer {
            switch self {
            case .ethernet(let range): .ethernet((range.lowerBound + offset)..<(range.upperBound + offset))
            case .ipv4(let range): .ipv4((range.lowerBound + offset)..<(range.upperBound + offset))
            case .ipv6(let range): .ipv6((range.lowerBound + offset)..<(range.upperBound + offset))
            case .arp(let range): .arp((range.lowerBound + offset)..<(range.upperBound + offset))
            case .done: .done
            }
        }
    }

    /// Hard bound on layers walked, whatever the input (each tunnel adds at most three).
    static let maximumSteps = 48

    // Inlinable so that the caller's variable is the one `walk` fills: the dissection (several
    // hundred bytes) is not copied out of a return slot for every packet.
    @inlinable
    public func dissect(_ bytes: RawSpan, linkType: LinkType) -> Dissection {
        var result = Dissection()
        walk(bytes, linkType: linkType, into: &result)
        return result
    }

    /// Decodes every layer of `bytes` into `result`, a fresh dissection.
    @usableFromInline
    func walk(_ bytes: RawSpan, linkType: LinkType, into result: inout Dissection) {
        var current = bytes
        // Where `current` starts in `bytes`, and the IP layer being decoded (its tunnel depth and
        // its bytes), so that `ipRange` names the header `result.ip` came from.
        var offset = 0
        var decoding: (depth: Int, range: Range<Int>)?
        do throws(DecodeError) {
            var next = try linkLayer(current, linkType: linkType, result: &result)
            var steps = 0
            while steps < Self.maximumSteps {
                steps += 1
                switch next {
                case .done:
                    finish(&result)
                    return
                case .arp(let range):
                    try arp(current.extracting(range), result: &result)
                    finish(&result)
                    return
                case .ethernet(let range):
                    current = current.extracting(range)
                    offset += range.lowerBound
                    next = try innerEthernet(current, result: &result)
                case .ipv4(let range), .ipv6(let range):
                    current = current.extracting(range)
                    offset += range.lowerBound
                    decoding = (result.tunnels.count, offset..<(offset + current.byteCount))
                    let version4 = switch next { case .ipv4: true; default: false }
                    next = try ipLayer(current, version4: version4, result: &result)
                    result.ipRange = decoding?.range
                }
            }
            result.anomalies.append(.dissectorStepLimit)
            finish(&result)
            return
        } catch {
            result.anomalies.append(.decode(error))
            if error.isTruncation { result.isTruncated = true }
            // The header being decoded when decoding stopped counts only if it was read.
            if let decoding, result.ip?.tunnelDepth == decoding.depth { result.ipRange = decoding.range }
            finish(&result)
            return
        }
    }

    /// The first eight bytes (fewer when shorter), packed big-endian.
    static func leadingWord(_ bytes: RawSpan) -> UInt64 {
        if bytes.byteCount >= 8 { return bytes.be64(at: 0) }
        var word: UInt64 = 0
        for index in 0..<min(8, bytes.byteCount) {
            word = word << 8 | UInt64(bytes.u8(at: index))
        }
        return word
    }
}
