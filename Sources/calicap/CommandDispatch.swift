/// Routes a command line without a subcommand: tcpdump's live options (`-i`, `-D`) go to
/// `capture`, everything else to the default `analyze` (`calicap -r FILE`).
enum CommandDispatch {
    static let subcommands: Set<String> = ["analyze", "capture", "cluster", "interfaces", "help", "verify"]

    /// The arguments (without the program name) as the parser should see them.
    static func arguments(_ arguments: [String]) -> [String] {
        guard let first = arguments.first, !subcommands.contains(first) else {
            return arguments.first == "capture" ? ["capture"] + normalise(Array(arguments.dropFirst())) : arguments
        }
        for argument in arguments {
            if argument == "--" { break }
            if startsLiveCapture(argument) { return ["capture"] + normalise(arguments) }
        }
        return arguments
    }

    /// `-i`, `--interface`, `-D`, `--list-interfaces`, and tcpdump-style clusters such as `-nni`
    /// or `-ieth0`.
    static func startsLiveCapture(_ argument: String) -> Bool {
        if argument == "--interface" || argument.hasPrefix("--interface=") || argument == "--list-interfaces" {
            return true
        }
        guard argument.hasPrefix("-"), !argument.hasPrefix("--"), argument.count >= 2 else { return false }
        let letters = argument.dropFirst()
        if letters.first == "i" || letters.first == "D" { return true }
        return clusterOption(letters) != nil
    }

    /// Short flags that take no value, which may lead a cluster (`-nnvi eth0`).
    static let clusterFlags: Set<Character> = ["n", "v", "p", "U", "t", "D"]

    /// For `-nnvi`: the index of the `i` that ends a cluster of value-less flags.
    static func clusterOption(_ letters: Substring) -> Substring.Index? {
        guard let last = letters.indices.last, letters[last] == "i" || letters[last] == "D" else { return nil }
        let leading = letters[letters.startIndex..<last]
        guard !leading.isEmpty, leading.allSatisfy({ clusterFlags.contains($0) }) else { return nil }
        return last
    }

    /// tcpdump habits ArgumentParser does not take: `-ieth0` becomes `-i eth0`, and `-nni eth0`
    /// becomes `-n -n -i eth0`.
    static func normalise(_ arguments: [String]) -> [String] {
        var result: [String] = []
        var passThrough = false
        for argument in arguments {
            if passThrough || argument == "--" || !argument.hasPrefix("-") || argument.hasPrefix("--") || argument.count < 3 {
                if argument == "--" { passThrough = true }
                result.append(argument)
                continue
            }
            let letters = argument.dropFirst()
            if let index = clusterOption(letters) {
                for letter in letters[letters.startIndex..<index] { result.append("-\(letter)") }
                result.append("-\(letters[index])")
            } else if letters.first == "i", letters.count > 1 {
                result.append("-i")
                result.append(String(letters.dropFirst()))
            } else {
                result.append(argument)
            }
        }
        return result
    }
}
