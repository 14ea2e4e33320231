/// `pool`: the settings the capture must show.
public struct PoolExpectation: Sendable, Hashable {
    public var ipipMode: PoolModeSetting?
    public var vxlanMode: PoolModeSetting?
    public var ipipLine: Int?
    public var vxlanLine: Int?

    public init(ipipMode: PoolModeSetting? = nil, vxlanMode: PoolModeSetting? = nil, ipipLine: Int? = nil, vxlanLine: Int? = nil) {
        self.ipipMode = ipipMode
        self.vxlanMode = vxlanMode
        self.ipipLine = ipipLine
        self.vxlanLine = vxlanLine
    }

    /// Each named setting with its line.
    public var settings: [(field: PoolField, value: PoolModeSetting, line: Int?)] {
        var result: [(field: PoolField, value: PoolModeSetting, line: Int?)] = []
        if let ipipMode { result.append((.ipipMode, ipipMode, ipipLine)) }
        if let vxlanMode { result.append((.vxlanMode, vxlanMode, vxlanLine)) }
        return result
    }
}
