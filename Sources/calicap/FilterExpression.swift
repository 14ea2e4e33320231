/// tcpdump's habit: a BPF filter as the trailing words, combined with `-f` when both are given.
enum FilterExpression {
    static func combine(option: String?, words: [String]) -> String? {
        let trailing = words.joined(separator: " ")
        switch (option, trailing.isEmpty) {
        case (nil, true): return nil
        case (let option?, true): return option
        case (nil, false): return trailing
        case (let option?, false): return "(\(option)) and (\(trailing))"
        }
    }
}
