import Wire

extension CarrierObservation {
    /// Records a packet's source and destination MACs as the lower and upper ends' MACs.
    mutating func orientEndMACs(source: MACAddress?, destination: MACAddress?, _ direction: Direction) {
        guard let source, let destination else { return }
        (lowerEndMAC, upperEndMAC) = direction == .forward ? (source, destination) : (destination, source)
    }

    /// Keeps the first end MACs known: those of `other` when this observation has none.
    mutating func adoptEndMACs(of other: CarrierObservation) {
        guard lowerEndMAC == nil, upperEndMAC == nil else { return }
        lowerEndMAC = other.lowerEndMAC
        upperEndMAC = other.upperEndMAC
    }
}
