/// The flow table's records, in pages of a fixed number of records rather than one growing
/// array: the table never holds more than one page of spare capacity (a doubling array holds up
/// to as much again as it uses), never copies itself whole to grow (a doubling array briefly
/// holds the old and the new buffer), and can give each page back as soon as its records have
/// been handed on (`mapReleasingPages`), so that the report phase does not hold every flow twice.
public struct FlowRecords: RandomAccessCollection, Sendable {
    /// 4 096 records of 256 bytes: a megabyte a page, which the allocator maps and unmaps on its own.
    static let pageShift = 12
    static let pageSize = 1 << pageShift
    static let pageMask = pageSize - 1

    private var pages: [[FlowRecord]] = []
    public private(set) var count = 0

    public init() {}

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public internal(set) subscript(position: Int) -> FlowRecord {
        // The pages' own bounds checks stop a position outside the records.
        get { pages[position &>> Self.pageShift][position & Self.pageMask] }
        _modify { yield &pages[position &>> Self.pageShift][position & Self.pageMask] }
    }

    /// Records the pages can hold without allocating.
    public var capacity: Int { pages.reduce(0) { $0 + $1.capacity } }

    mutating func append(_ record: FlowRecord) {
        if count & Self.pageMask == 0 {
            var page: [FlowRecord] = []
            page.reserveCapacity(count == 0 ? 16 : Self.pageSize)
            pages.append(page)
        }
        pages[pages.count - 1].append(record)
        count += 1
    }

    mutating func removeLast() {
        precondition(count > 0, "no flow record to remove")
        pages[pages.count - 1].removeLast()
        if pages[pages.count - 1].isEmpty { pages.removeLast() }
        count -= 1
    }

    /// Each record transformed, in order; every page is given back once its records are
    /// transformed, so the records and their transforms are never both whole in memory.
    /// The records are left empty. (A mutating method, not a consuming one: a consumed value
    /// may still be held by its caller's binding, which would keep every page alive.)
    public mutating func mapReleasingPages<Transformed>(
        _ transform: (FlowRecord) throws -> Transformed
    ) rethrows -> [Transformed] {
        var transformed: [Transformed] = []
        transformed.reserveCapacity(count)
        for page in pages.indices {
            var records: [FlowRecord] = []
            swap(&records, &pages[page])
            for record in records { transformed.append(try transform(record)) }
        }
        pages = []
        count = 0
        return transformed
    }
}
