import ArgumentParser
import Capture

/// `calicap interfaces`: the capture devices (like `tcpdump -D`, with addresses and Calico roles).
struct InterfacesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "interfaces",
        abstract: "List the devices calicap can capture on (`calicap -D` prints tcpdump's short form).")

    @Flag(name: .customLong("brief"), help: "tcpdump -D's one line per device.")
    var brief = false

    func run() throws {
        let interfaces: [NetworkInterface]
        do {
            interfaces = try Interfaces.list()
        } catch {
            StandardStreams.error(error.description)
            throw ExitCode(ExitStatus.inputUnreadable.rawValue)
        }
        StandardStreams.write(brief ? InterfaceListing.tcpdumpStyle(interfaces) : InterfaceListing.detailed(interfaces))
    }
}
