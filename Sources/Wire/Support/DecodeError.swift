/// Why a header could not be decoded.
///
/// Truncated and malformed are different outcomes: `truncated` means fewer bytes were captured
/// than the fixed part of the header needs (a snaplen cut or a damaged record); `malformed` means
/// the bytes are there but contradict themselves. A payload shorter than a length field claims is
/// neither: headers report it through `isTruncated` and clip the payload.
public enum DecodeError: Error, Sendable, Hashable {
    case truncated(Layer, needed: Int, available: Int)
    case malformed(Layer, Malformation)

    /// A stable snake_case name, counted in reports (`truncated_ipv4`, `ipv4_bad_version`, …).
    public var anomalyName: String {
        switch self {
        case .truncated(let layer, _, _): "truncated_\(layer.rawValue)"
        case .malformed(let layer, let malformation): "\(layer.rawValue)_\(malformation.name)"
        }
    }

    public var layer: Layer {
        switch self {
        case .truncated(let layer, _, _), .malformed(let layer, _): layer
        }
    }

    public var isTruncation: Bool {
        if case .truncated = self { return true }
        return false
    }
}
