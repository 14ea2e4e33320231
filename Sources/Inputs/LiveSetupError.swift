import Capture

/// A device that could not be opened or filtered: one line for the user.
public struct LiveSetupError: Error, CustomStringConvertible {
    /// The device, named when the filter failed on one of several.
    public var device: String?
    public var error: LiveCaptureError

    public var description: String {
        device.map { "\($0): \(error.description)" } ?? error.description
    }
}
