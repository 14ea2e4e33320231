/// tcpdump's -C file size: millions of bytes, or with a k/K, m/M, g/G suffix KiB, MiB, GiB.
struct ByteSize: Hashable {
    var bytes: Int

    init?(_ text: String) {
        var digits = Substring(text)
        var unit = 1_000_000
        if let last = digits.last, last.isLetter {
            switch last {
            case "k", "K": unit = 1024
            case "m", "M": unit = 1_048_576
            case "g", "G": unit = 1_073_741_824
            default: return nil
            }
            digits = digits.dropLast()
        }
        guard let value = Int(digits), value >= 1 else { return nil }
        let (product, overflow) = value.multipliedReportingOverflow(by: unit)
        guard !overflow else { return nil }
        bytes = product
    }
}
