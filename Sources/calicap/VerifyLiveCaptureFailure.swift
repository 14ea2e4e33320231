/// Why a live capture for `calicap verify` gave no file to judge.
enum VerifyLiveCaptureFailure: Error {
    /// The capture command's own exit status (2 usage, 3 cannot capture); it said why.
    case capture(Int32)
    case cannotStart(String)
}
