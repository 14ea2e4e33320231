import Calico

extension Array where Element == AnalyzedFlow {
    /// Puts the flows in the order the reports list them: first seen first, ties by flow key
    /// (a table holds a key once, so the order is total). The positions are sorted, not the
    /// flows, and the flows then moved into place cycle by cycle: a sort of the flows themselves
    /// would need scratch space for half of them.
    mutating func sortChronologically() {
        guard count > 1 else { return }
        var order = indices.map { UInt32(truncatingIfNeeded: $0) }
        order.sort { lhs, rhs in
            let left = self[Int(lhs)].record
            let right = self[Int(rhs)].record
            return (left.firstSeen, left.key) < (right.firstSeen, right.key)
        }
        // Position `target` takes the flow at `order[target]`; a finished position is marked by
        // pointing at itself.
        for start in indices where Int(order[start]) != start {
            let held = self[start]
            var target = start
            while true {
                let source = Int(order[target])
                order[target] = UInt32(truncatingIfNeeded: target)
                if source == start {
                    self[target] = held
                    break
                }
                self[target] = self[source]
                target = source
            }
        }
    }
}
