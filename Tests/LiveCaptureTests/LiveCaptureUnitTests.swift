@testable import Capture
import Testing
import Wire

#if canImport(Glibc)
import Glibc
#endif

/// The libpcap wrapper's pieces that need no traffic.
@Suite struct LiveCaptureUnitTests {
    @Test func dataLinkTypesBecomeFileLinkTypes() {
        #expect(LiveCapture.linkType(forDataLink: 12) == .raw)
        #expect(LiveCapture.linkType(forDataLink: 14) == .raw)
        #expect(LiveCapture.linkType(forDataLink: 1) == .ethernet)
        #expect(LiveCapture.linkType(forDataLink: 113) == .linuxSLL)
        #expect(LiveCapture.linkType(forDataLink: 276) == .linuxSLL2)
        #expect(LiveCapture.linkType(forDataLink: 0) == .null)
    }

    @Test func errorsAreOneClearLine() {
        let permission = LiveCaptureError.permissionDenied(device: "eth0", message: "socket: Operation not permitted")
        #expect(permission.description.contains("eth0: no permission to capture"))
        #expect(permission.description.contains("root"))
        #expect(permission.description.contains("CAP_NET_RAW and CAP_NET_ADMIN"))
        let missing = LiveCaptureError.noSuchDevice(device: "eth9", available: ["eth0", "any", "lo"])
        #expect(missing.description == "eth9: no such interface (interfaces: eth0, any, lo; see calicap -D)")
        let filter = LiveCaptureError.filter(device: "eth0", error: FilterError(expression: "tcp port port", message: "syntax error"))
        #expect(filter.description == "bad filter expression 'tcp port port': syntax error")
        let gone = LiveCaptureError.interfaceWentAway(device: "eth0", message: "The interface disappeared")
        #expect(gone.description == "eth0: the interface went away (The interface disappeared)")
        for error in [permission, missing, filter, gone] {
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func deviceListNamesTheAnyDevice() throws {
        let interfaces = try Interfaces.list()
        #expect(interfaces.contains { $0.name == "any" })
        #expect(Set(Interfaces.names()) == Set(interfaces.map(\.name)))
    }

    @Test func flagsAreWordedLikeTcpdump() {
        #expect(NetworkInterface(name: "eth0", isUp: true, isRunning: true, connectionStatus: .connected).flagsText == "Up, Running, Connected")
        #expect(NetworkInterface(name: "any", isUp: true, isRunning: true, connectionStatus: .notApplicable).flagsText == "Up, Running")
        #expect(NetworkInterface(name: "lo", isUp: true, isRunning: true, isLoopback: true, connectionStatus: .notApplicable).flagsText == "Up, Running, Loopback")
        #expect(NetworkInterface(name: "ifb0", connectionStatus: .notApplicable).flagsText == "none")
        #expect(NetworkInterface(name: "x").flagsText == nil)
    }

    @Test(.enabled(if: getuid() == 0, "as root libpcap can tell a missing device from a refused one"))
    func aMissingDeviceListsTheOthers() {
        let error = #expect(throws: LiveCaptureError.self) {
            _ = try LiveCapture(device: "cl-live-missing0", options: LiveCaptureOptions())
        }
        guard case .noSuchDevice(let device, let available) = error else {
            Issue.record("expected noSuchDevice, got \(String(describing: error))")
            return
        }
        #expect(device == "cl-live-missing0")
        #expect(available.contains("any"))
    }

    @Test func stopSignalsArePolledNotHandled() {
        let signals = StopSignals()
        signals.hold()
        #expect(signals.take() == nil)
        // raise() directs the signal at this thread, where it is blocked: it waits to be taken.
        raise(SIGTERM)
        #expect(signals.take() == SIGTERM)
        #expect(signals.take() == nil)
        signals.release()
        #expect(!signals.isHolding)
    }

    @Test func usersAreLookedUpBeforeCapturing() throws {
        let root = try UserAccount.lookup("root")
        #expect(root.userID == 0 && root.groupID == 0)
        #expect(try UserAccount.lookup("0").userID == 0)
        let error = #expect(throws: UserAccount.SwitchError.self) { _ = try UserAccount.lookup("cl-live-no-such-user") }
        #expect(error?.description == "-Z: unknown user 'cl-live-no-such-user'")
    }
}
