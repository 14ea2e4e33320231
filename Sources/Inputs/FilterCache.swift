import Capture
import CaptureFile
import Wire

/// One compiled BPF program per link type met, compiled on first use.
struct FilterCache {
    let expression: String?
    private var filters: [LinkType: PacketFilter] = [:]
    private var failed: Set<LinkType> = []

    init(expression: String?) {
        let trimmed = expression?.trimmingPrefix(while: { $0 == " " })
        self.expression = (trimmed?.isEmpty ?? true) ? nil : expression
    }

    /// Compiles once for Ethernet so that a syntax error is reported before reading.
    func validate() throws(AnalysisError) {
        guard let expression else { return }
        do {
            _ = try PacketFilter(expression: expression, linkType: .ethernet)
        } catch {
            throw .filter(error)
        }
    }

    mutating func matches(_ record: CaptureRecord, linkType: LinkType) -> Bool {
        guard let expression else { return true }
        if let filter = filters[linkType] {
            return filter.matches(record.bytes, originalLength: record.originalLength)
        }
        if failed.contains(linkType) { return false }
        do {
            let filter = try PacketFilter(expression: expression, linkType: linkType)
            filters[linkType] = filter
            return filter.matches(record.bytes, originalLength: record.originalLength)
        } catch {
            // Valid syntax but meaningless for this link type (e.g. `ether host` on raw IP).
            failed.insert(linkType)
            return false
        }
    }
}
