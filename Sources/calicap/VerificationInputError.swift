/// Captures that cannot be read (or hold nothing to judge): exit status 3, one line.
struct VerificationInputError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
