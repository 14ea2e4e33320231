/// The modes a flow can have (the values of `mode` in calicap's reports).
public enum FlowMode {
    public static let all = ["ipip", "vxlan", "direct", "wireguard", "local", "mixed", "unknown"]

    public static func isValid(_ text: String) -> Bool { all.contains(text) }
}
