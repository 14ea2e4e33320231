extension CaptureBytes {
    /// A pcapng option: code, value, and optionally a wrong stored length.
    public struct Option: Sendable {
        public var code: UInt16
        public var value: [UInt8]
        /// Overrides the stored option length (to make it run past its block).
        public var declaredLength: UInt16?

        public init(code: UInt16, value: [UInt8], declaredLength: UInt16? = nil) {
            self.code = code
            self.value = value
            self.declaredLength = declaredLength
        }

        public static func comment(_ text: String) -> Option { Option(code: 1, value: Array(text.utf8)) }
        public static func name(_ text: String) -> Option { Option(code: 2, value: Array(text.utf8)) }
        public static func description(_ text: String) -> Option { Option(code: 3, value: Array(text.utf8)) }
        public static func timestampResolution(_ code: UInt8) -> Option { Option(code: 9, value: [code]) }
    }
}
