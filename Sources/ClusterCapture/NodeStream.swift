import CaptureFile
import Foundation
import Inputs
import Wire

#if canImport(Glibc)
import Glibc
#endif

/// One node's capture on one interface: `kubectl debug node/NODE … tcpdump -i INTERFACE -U -w -`
/// and two threads — one reads its stdout as a pcap stream as it arrives (the same streaming
/// reader as `-r -`; a slow or early-ended stream is just a pipe that waits or ends) and saves
/// it (-w), one keeps kubectl's stderr for the warning if the node fails.
final class NodeStream {
    let node: String
    let interface: String
    /// How the report names this capture: `NODE:INTERFACE`.
    let source: String
    let arguments: [String]
    /// The -w file, if any.
    let writePath: String?
    let inbox: StreamInbox
    private(set) var process: ChildProcess?
    /// The capture loop asked it to end (Ctrl-C, --duration, -c): its end is no failure.
    var stopRequested = false
    /// Set by the capture loop: the interfaces were registered with the session.
    var captureIndices: [Int] = []
    var interfaces: [CaptureInterface]?
    var ended = false
    var failure: String?
    /// The capture was announced as running (tcpdump said so, or its stream began).
    var announced = false

    init(node: String, interface: String, arguments: [String], writePath: String?, wakeDescriptor: Int32) {
        self.node = node
        self.interface = interface
        self.source = "\(node):\(interface)"
        self.arguments = arguments
        self.writePath = writePath
        inbox = StreamInbox(wakeDescriptor: wakeDescriptor)
    }

    /// Starts kubectl and the readers, and sends the start line the node side waits for.
    func start(executable: String) throws(ClusterCaptureError) {
        let child = try ChildProcess(executable: executable, arguments: arguments)
        process = child
        let inbox = self.inbox
        let output = child.takeOutput()
        let errors = child.takeErrors()
        let source = self.source
        let interface = self.interface
        let writePath = self.writePath
        Thread.detachNewThread {
            Self.readCapture(descriptor: output, source: source, interface: interface, writePath: writePath, inbox: inbox)
        }
        Thread.detachNewThread { Self.readErrors(descriptor: errors, inbox: inbox) }
        child.send("start\n")
    }

    /// Ends kubectl (and, through it, the attach to the node's tcpdump).
    func requestStop() {
        stopRequested = true
        process?.closeInput()
        process?.signal(SIGTERM)
    }

    func kill() {
        process?.signal(SIGKILL)
    }

    /// kubectl's stderr so far, as one line.
    func errorMessage(_ state: StreamInbox.State) -> String {
        KubectlMessage.summary(
            String(decoding: state.errors, as: UTF8.self),
            statusText: process?.exitStatus.map(\.description))
    }

    // MARK: - Reader threads

    static func readCapture(
        descriptor: Int32, source: String, interface: String, writePath: String?, inbox: StreamInbox
    ) {
        let reader: CaptureFileReader
        do {
            reader = try CaptureFileReader(fileDescriptor: descriptor, name: source, ownsDescriptor: true)
        } catch {
            let message: String
            switch error {
            case .empty: message = "no capture data came"
            default: message = "not a pcap stream (\(error.description))"
            }
            inbox.update {
                $0.openError = message
                $0.readerDone = true
            }
            return
        }
        var named = reader.interfaces.map { Self.named($0, interface) }
        var writer: CaptureFileWriter?
        if let writePath {
            do {
                // pcapng with each interface's name, so `calicap -r` of the file knows the capture point.
                writer = try CaptureFileWriter(
                    path: writePath, format: .pcapng, interfaces: named.isEmpty ? [Self.placeholder(interface)] : named,
                    application: "calicap cluster")
                writer?.flushesEachRecord = true
            } catch {
                inbox.update { $0.writeError = error.description }
            }
        }
        let interfacesSoFar = named
        inbox.update { $0.interfaces = interfacesSoFar }
        while let record = reader.next() {
            if reader.interfaces.count != named.count {
                named = reader.interfaces.map { Self.named($0, interface) }
                let snapshot = named
                inbox.update { $0.interfaces = snapshot }
            }
            let time = record.timestamp.nanosecondsSinceEpoch
            if let current = writer, record.interfaceIndex < current.interfaces.count {
                do {
                    try current.write(
                        interfaceIndex: record.interfaceIndex, timestamp: time, originalLength: record.originalLength,
                        bytes: record.bytes)
                } catch {
                    writer = nil
                    inbox.update { $0.writeError = error.description }
                }
            }
            let packet = StreamPacket(time: time, interfaceIndex: record.interfaceIndex, bytes: Array(record.bytes))
            while !inbox.offer(packet) { usleep(2_000) }
        }
        do {
            try writer?.close()
        } catch {
            inbox.update { $0.writeError = error.description }
        }
        let warnings = reader.warnings
        inbox.update {
            $0.readerWarnings = warnings
            $0.readerDone = true
        }
    }

    static func readErrors(descriptor: Int32, inbox: StreamInbox) {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count > 0 {
                inbox.appendErrors(buffer[0..<count])
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                break
            }
        }
        close(descriptor)
        inbox.update { $0.errorsDone = true }
    }

    /// The interface with the name asked for when the stream does not carry one (tcpdump's pcap).
    static func named(_ interface: CaptureInterface, _ name: String) -> CaptureInterface {
        var named = interface
        if named.name == nil { named.name = name }
        return named
    }

    static func placeholder(_ name: String) -> CaptureInterface {
        CaptureInterface(linkType: .ethernet, snapLength: 262_144, name: name)
    }
}
