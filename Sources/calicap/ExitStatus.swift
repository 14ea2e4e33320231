/// calicap's documented exit codes.
enum ExitStatus: Int32 {
    case success = 0
    case usage = 2
    case inputUnreadable = 3
    case partialInput = 4
}
