/// What is wrong with a header whose bytes are all there but whose fields contradict each other.
public enum Malformation: Sendable, Hashable {
    /// The version nibble is not the one the layer requires (IPv4: 4, IPv6: 6).
    case badVersion(UInt8)
    /// A header-length field below the minimum or beyond the captured bytes' claim.
    case headerLength(Int)
    /// A total/payload length field smaller than the header it must contain.
    case totalLength(Int)
    /// A link-layer address length beyond the field that holds it (SLL `halen > 8`).
    case addressLength(Int)
    /// A length field that is not a valid value for the layer (UDP length < 8, …).
    case lengthField(Int)
    /// A reserved field or flag that must have a fixed value.
    case reservedBits
    /// An option or extension header whose own length runs past its container.
    case optionLength(Int)
    /// Too many chained headers (IPv6 extension headers, VLAN tags).
    case chainTooLong(Int)

    /// The stable suffix of the anomaly name.
    public var name: String {
        switch self {
        case .badVersion: "bad_version"
        case .headerLength: "header_length_invalid"
        case .totalLength: "total_length_invalid"
        case .addressLength: "address_length_invalid"
        case .lengthField: "length_invalid"
        case .reservedBits: "reserved_bits_set"
        case .optionLength: "option_length_invalid"
        case .chainTooLong: "header_chain_too_long"
        }
    }
}
