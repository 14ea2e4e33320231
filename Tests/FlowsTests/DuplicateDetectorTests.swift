import Flows
import Testing

/// `#expect` cannot call a mutating method on a local, so the tests drive the detector through
/// this box.
final class DetectorBox: CustomStringConvertible {
    var detector: DuplicateDetector
    init(_ detector: DuplicateDetector = DuplicateDetector()) { self.detector = detector }

    func seen(_ fingerprint: UInt64, at capturePoint: Int, _ time: Int64) -> Bool {
        detector.isDuplicate(fingerprint: fingerprint, capturePoint: capturePoint, time: time)
    }

    /// Keeps failure messages short (the detector's table has a quarter of a million slots).
    var description: String { "DuplicateDetector(capacity: \(detector.capacity))" }
}

@Suite struct DuplicateDetectorTests {
    static let millisecond: Int64 = 1_000_000

    @Test func samePacketAtAnotherPointIsADuplicate() {
        let detector = DetectorBox(DuplicateDetector())
        #expect(!detector.seen(0xabc, at: 0, 0))
        #expect(detector.seen(0xabc, at: 1, 1 * Self.millisecond))
        #expect(detector.seen(0xabc, at: 2, 2 * Self.millisecond))
        // Another packet is not a duplicate of it.
        #expect(!detector.seen(0xabd, at: 1, 3 * Self.millisecond))
    }

    @Test func samePacketAtTheSamePointIsANewPacket() {
        let detector = DetectorBox(DuplicateDetector())
        #expect(!detector.seen(0xabc, at: 0, 0))
        #expect(detector.seen(0xabc, at: 1, 10))
        // A retransmission seen again where it was first seen: counted, and it starts afresh…
        #expect(!detector.seen(0xabc, at: 0, 20))
        // …so its copy at point 1 is again a duplicate of the retransmission.
        #expect(detector.seen(0xabc, at: 1, 30))
        // A retransmission first seen at point 1 this time.
        #expect(!detector.seen(0xabc, at: 1, 40))
        #expect(detector.seen(0xabc, at: 0, 50))
    }

    @Test func outsideTheWindowIsANewPacket() {
        let detector = DetectorBox(DuplicateDetector(window: 1_000))
        #expect(!detector.seen(1, at: 0, 0))
        #expect(!detector.seen(1, at: 1, 1_001))
        #expect(!detector.seen(2, at: 0, 5_000))
        #expect(detector.seen(2, at: 1, 6_000))  // exactly one window later
    }

    @Test func capacityBoundsWhatIsRemembered() {
        // A window long enough that nothing expires: only the capacity limits memory.
        let detector = DetectorBox(DuplicateDetector(window: 60_000 * Self.millisecond, capacity: 1_000))
        #expect(detector.detector.capacity == 1_024)  // rounded up to a power of two
        var falsePositives = 0
        for fingerprint in 0..<UInt64(100_000) where detector.seen(fingerprint, at: 0, Int64(fingerprint)) {
            falsePositives += 1
        }
        #expect(falsePositives == 0)
        // Ask for every fingerprint at another point, newest first (a hit changes nothing; a miss
        // records the fingerprint, pushing out only entries already asked about).
        var remembered: [UInt64] = []
        for fingerprint in (0..<UInt64(100_000)).reversed() where detector.seen(fingerprint, at: 1, 100_000) {
            remembered.append(fingerprint)
        }
        #expect(remembered.count <= detector.detector.capacity)
        // The newest thousand are all still there; the oldest are long gone.
        #expect(remembered.prefix(1_000) == ArraySlice((99_000..<UInt64(100_000)).reversed()))
        #expect(remembered.allSatisfy { $0 >= 90_000 })
    }

    @Test func capacityHasAFloor() {
        #expect(DuplicateDetector(capacity: 0).capacity == 16)
    }

    /// A `-i any` capture on a node with many pods has more than 64 interfaces (capture points).
    @Test(arguments: [(0, 64), (3, 67), (1, 129), (63, 127)])
    func capturePointsBeyond64AreStillDistinct(first: Int, second: Int) {
        let detector = DetectorBox(DuplicateDetector(capacity: 16))
        #expect(!detector.seen(0x5eed, at: first, 0))
        let duplicate = detector.seen(0x5eed, at: second, 1)
        #expect(duplicate, "the copy at capture point \(second) after capture point \(first)")
    }
}
