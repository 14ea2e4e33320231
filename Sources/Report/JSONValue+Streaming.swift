extension JSONValue {
    /// Appends an array of `count` elements laid out as `write(to:indent: 2, level:)` lays out an
    /// array at `level`, each element written by `element` (at `level + 1`) only when its turn
    /// comes, so a million elements never exist as values at once. `flush` is handed the bytes
    /// after any element that takes them past 64 KiB.
    static func appendArray(
        count: Int, level: Int, to output: inout [UInt8], flush: (inout [UInt8]) -> Void,
        element: (Int, inout [UInt8]) -> Void
    ) {
        guard count > 0 else {
            output.append(contentsOf: "[]".utf8)
            return
        }
        let elementStart = "\n" + String(repeating: " ", count: 2 * (level + 1))
        output.append(UInt8(ascii: "["))
        for index in 0..<count {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            output.append(contentsOf: elementStart.utf8)
            element(index, &output)
            if output.count >= 1 << 16 { flush(&output) }
        }
        output.append(contentsOf: ("\n" + String(repeating: " ", count: 2 * level) + "]").utf8)
    }
}
