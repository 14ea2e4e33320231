import Capture
import Report

/// `calicap -D` and `calicap interfaces`: the capture devices, numbered as tcpdump -D numbers them
/// (the number can be given to -i).
enum InterfaceListing {
    /// tcpdump -D's format: `1.eth0 [Up, Running, Connected]`.
    static func tcpdumpStyle(_ interfaces: [NetworkInterface]) -> String {
        var output = ""
        for (index, interface) in interfaces.enumerated() {
            output += "\(index + 1).\(TerminalText.safe(interface.name))"
            if let description = interface.description { output += " (\(TerminalText.safe(description)))" }
            if let flags = interface.flagsText { output += " [\(flags)]" }
            output += "\n"
        }
        return output
    }

    /// The same list with addresses and what each device shows on a Calico node.
    static func detailed(_ interfaces: [NetworkInterface]) -> String {
        var output = ""
        for (index, interface) in interfaces.enumerated() {
            output += "\(index + 1).\(TerminalText.safe(interface.name))"
            if let flags = interface.flagsText { output += " [\(flags)]" }
            output += "\n"
            if let description = interface.description {
                output += "    \(TerminalText.safe(description))\n"
            }
            if !interface.addresses.isEmpty {
                output += "    addresses: \(interface.addresses.map(TerminalText.safe).joined(separator: ", "))\n"
            }
            if let hint = DeviceRoleHint.hint(for: interface.name) {
                output += "    calico: \(hint)\n"
            }
        }
        return output
    }
}
