/// Distinguishes capture points inside one capture: the SLL2 interface index of `-i any`, or for
/// SLL v1 (no index) the hardware type and the kind of link address.
struct CapturePointKey: Hashable {
    var captureIndex: Int
    var interfaceIndex: UInt32
    var hardwareType: UInt16
    var addressClass: UInt8
}
