import Wire

/// pcapng blocks: type, total length, body, total length again. Sections (SHB) set the byte order
/// and start a new interface list; IDBs declare interfaces; EPB, SPB and the obsolete PB carry
/// packets; every other block type is skipped by its length.
extension CaptureFileReader {
    func nextPcapngRecord() -> CaptureRecord? {
        while true {
            let blockOffset = input.offset
            var available = input.fill(atLeast: 8)
            guard available >= 8 else {
                return endOfInput(
                    available: available, partialName: "truncated_block_header",
                    "block at byte offset \(blockOffset) (after \(recordCount) records): the file ends "
                        + "\(available) bytes into its 8-byte header")
            }
            // The Section Header Block type reads the same in both byte orders.
            let type = byteOrder.u32(input.window(8).bytes, at: 0)
            if type == PcapngBlockType.sectionHeader {
                available = input.fill(atLeast: 12)
                guard available >= 12 else {
                    return endOfInput(
                        available: available, partialName: "truncated_block_header",
                        "section header block at byte offset \(blockOffset) (after \(recordCount) records): "
                            + "the file ends \(available) bytes into it")
                }
                let magic = ByteOrder.big.u32(input.window(12).bytes, at: 8)
                switch magic {
                case PcapngBlockType.byteOrderMagic: byteOrder = .big
                case PcapngBlockType.byteOrderMagicSwapped: byteOrder = .little
                default:
                    return stop(
                        "bad_section_header",
                        "section header block at byte offset \(blockOffset) (after \(recordCount) records): "
                            + "unknown byte-order magic \(CaptureFileError.hex(magic))",
                        at: blockOffset)
                }
            }
            let length = Int(byteOrder.u32(input.window(8).bytes, at: 4))
            guard length >= 12, length % 4 == 0, length <= CaptureLimits.maximumBlockLength else {
                let problem =
                    length < 12
                    ? "is below the minimum of 12"
                    : length % 4 != 0 ? "is not a multiple of 4" : "exceeds the limit of \(CaptureLimits.maximumBlockLength)"
                return stop(
                    "bad_block_length",
                    "block of type \(CaptureFileError.hex(type)) at byte offset \(blockOffset) (after "
                        + "\(recordCount) records): total length \(length) \(problem)",
                    at: blockOffset)
            }
            available = input.fill(atLeast: length)
            guard available >= length else {
                return endOfInput(
                    available: available, partialName: "truncated_block",
                    "block of type \(CaptureFileError.hex(type)) at byte offset \(blockOffset) (after "
                        + "\(recordCount) records): total length \(length), only \(available) bytes remain")
            }
            let trailer = Int(byteOrder.u32(input.window(length).bytes, at: length - 4))
            guard trailer == length else {
                return stop(
                    "bad_block_length",
                    "block of type \(CaptureFileError.hex(type)) at byte offset \(blockOffset) (after "
                        + "\(recordCount) records): total length \(length) but the trailing copy says \(trailer)",
                    at: blockOffset)
            }

            var record: CaptureRecord? = nil
            switch type {
            case PcapngBlockType.sectionHeader:
                beginSection(length: length, at: blockOffset)
            case PcapngBlockType.interfaceDescription:
                addInterface(length: length, at: blockOffset)
            case PcapngBlockType.enhancedPacket:
                record = packetRecord(length: length, at: blockOffset, obsolete: false)
            case PcapngBlockType.packet:
                record = packetRecord(length: length, at: blockOffset, obsolete: true)
            case PcapngBlockType.simplePacket:
                record = simplePacketRecord(length: length, at: blockOffset)
            default:
                break  // Name resolution, statistics, decryption secrets, custom blocks…
            }
            if finished { return nil }
            input.consume(length)
            if let record {
                recordCount += 1
                lastTimestamp = record.timestamp
                return record
            }
        }
    }

    private func beginSection(length: Int, at blockOffset: Int) {
        guard length >= PcapngBlockType.minimumSectionHeaderLength else {
            _ = stop(
                "bad_block_length",
                "section header block at byte offset \(blockOffset) (after \(recordCount) records): total length "
                    + "\(length) is below the minimum of \(PcapngBlockType.minimumSectionHeaderLength)",
                at: blockOffset)
            return
        }
        let block = input.window(length).bytes
        let major = byteOrder.u16(block, at: 12)
        let minor = byteOrder.u16(block, at: 14)
        guard major == 1 else {
            _ = stop(
                "unsupported_section_version",
                "section header block at byte offset \(blockOffset) (after \(recordCount) records): version "
                    + "\(major).\(minor) is not 1.x",
                at: blockOffset)
            return
        }
        sectionIndex += 1
        sectionInterfaces.removeAll(keepingCapacity: true)
    }

    private func addInterface(length: Int, at blockOffset: Int) {
        guard length >= PcapngBlockType.minimumInterfaceDescriptionLength else {
            // Later interface ids would be misnumbered, so reading cannot go on.
            _ = stop(
                "bad_interface_block",
                "interface description block at byte offset \(blockOffset) (after \(recordCount) records): "
                    + "total length \(length) is below the minimum of "
                    + "\(PcapngBlockType.minimumInterfaceDescriptionLength)",
                at: blockOffset)
            return
        }
        guard interfaces.count < CaptureLimits.maximumInterfaces else {
            _ = stop(
                "too_many_interfaces",
                "interface description block at byte offset \(blockOffset) (after \(recordCount) records): "
                    + "more than \(CaptureLimits.maximumInterfaces) interfaces; the rest of the file is not read",
                at: blockOffset)
            return
        }
        let raw = input.window(length)
        let block = raw.bytes
        var interface = CaptureInterface(
            linkType: LinkType(rawValue: UInt32(byteOrder.u16(block, at: 8))),
            snapLength: Int(byteOrder.u32(block, at: 12)),
            sectionIndex: max(sectionIndex, 0))

        // Options: code u16, length u16, value padded to 4 bytes; code 0 ends the list.
        let optionsEnd = length - 4
        var cursor = 16
        while cursor + 4 <= optionsEnd {
            let code = byteOrder.u16(block, at: cursor)
            let valueLength = Int(byteOrder.u16(block, at: cursor + 2))
            if code == PcapngBlockType.optionEnd { break }
            let valueStart = cursor + 4
            guard valueLength <= optionsEnd - valueStart else {
                warn(
                    "bad_option",
                    "interface description block at byte offset \(blockOffset) (after \(recordCount) records): "
                        + "option \(code) at byte \(cursor) of the block has length \(valueLength), which runs "
                        + "past the block; the remaining options are ignored",
                    at: blockOffset)
                break
            }
            switch code {
            case PcapngBlockType.optionInterfaceName:
                interface.name = Self.string(
                    raw, from: valueStart, count: min(valueLength, CaptureLimits.maximumOptionText))
            case PcapngBlockType.optionInterfaceDescription:
                interface.description = Self.string(
                    raw, from: valueStart, count: min(valueLength, CaptureLimits.maximumOptionText))
            case PcapngBlockType.optionTimestampResolution where valueLength >= 1:
                interface.timestampResolution = block.unsafeLoadUnaligned(fromByteOffset: valueStart, as: UInt8.self)
            case PcapngBlockType.optionTimestampOffset where valueLength == 8:
                interface.timestampOffsetSeconds = Int64(bitPattern: byteOrder.u64(block, at: valueStart))
            default:
                break
            }
            cursor = valueStart + ((valueLength + 3) & ~3)
        }

        interfaces.append(interface)
        timestampScales.append(
            TimestampScale(resolution: interface.timestampResolution, offsetSeconds: interface.timestampOffsetSeconds))
        sectionInterfaces.append(interfaces.count - 1)
    }

    /// Enhanced Packet Block (interface id u32) or the obsolete Packet Block (interface id u16,
    /// drop count u16); both then hold timestamp high and low, caplen, len and the data.
    private func packetRecord(length: Int, at blockOffset: Int, obsolete: Bool) -> CaptureRecord? {
        let fixedLength = 28
        guard length >= PcapngBlockType.minimumEnhancedPacketLength else {
            warn(
                "bad_packet_block",
                "packet block at byte offset \(blockOffset) (after \(recordCount) records): total length "
                    + "\(length) is below the minimum of \(PcapngBlockType.minimumEnhancedPacketLength); skipped",
                at: blockOffset)
            return nil
        }
        let block = input.window(length).bytes
        let interfaceID = obsolete ? Int(byteOrder.u16(block, at: 8)) : Int(byteOrder.u32(block, at: 8))
        let high = byteOrder.u32(block, at: 12)
        let low = byteOrder.u32(block, at: 16)
        let captured = Int(byteOrder.u32(block, at: 20))
        let original = Int(byteOrder.u32(block, at: 24))
        guard captured <= length - fixedLength - 4 else {
            warn(
                "bad_packet_block",
                "packet block at byte offset \(blockOffset) (after \(recordCount) records): captured length "
                    + "\(captured) runs past the block's \(length) bytes; skipped",
                at: blockOffset)
            return nil
        }
        guard let index = globalInterfaceIndex(interfaceID, at: blockOffset) else { return nil }
        let timestamp = timestampScales[index].timestamp(ticks: UInt64(high) << 32 | UInt64(low))
        return CaptureRecord(
            timestamp: timestamp, interfaceIndex: index, capturedLength: captured, originalLength: original,
            bytes: UnsafeRawBufferPointer(start: input.pointer + fixedLength, count: captured))
    }

    /// Simple Packet Block: interface 0, no timestamp (the previous record's is used), and a
    /// captured length of min(len, snaplen, the block's data area).
    private func simplePacketRecord(length: Int, at blockOffset: Int) -> CaptureRecord? {
        let fixedLength = 12
        guard length >= PcapngBlockType.minimumSimplePacketLength else {
            warn(
                "bad_packet_block",
                "simple packet block at byte offset \(blockOffset) (after \(recordCount) records): total length "
                    + "\(length) is below the minimum of \(PcapngBlockType.minimumSimplePacketLength); skipped",
                at: blockOffset)
            return nil
        }
        guard let index = globalInterfaceIndex(0, at: blockOffset) else { return nil }
        let original = Int(byteOrder.u32(input.window(length).bytes, at: 8))
        var captured = min(original, length - fixedLength - 4)
        let snapLength = interfaces[index].snapLength
        if snapLength > 0 { captured = min(captured, snapLength) }
        return CaptureRecord(
            timestamp: lastTimestamp, interfaceIndex: index, capturedLength: captured, originalLength: original,
            bytes: UnsafeRawBufferPointer(start: input.pointer + fixedLength, count: captured))
    }

    /// The index into `interfaces` of the current section's interface `id`, or nil with a warning.
    private func globalInterfaceIndex(_ id: Int, at blockOffset: Int) -> Int? {
        guard id >= 0, id < sectionInterfaces.count else {
            warn(
                "unknown_interface",
                "packet block at byte offset \(blockOffset) (after \(recordCount) records): interface id \(id), "
                    + "but section \(max(sectionIndex, 0)) declares \(sectionInterfaces.count) interfaces; skipped",
                at: blockOffset)
            return nil
        }
        return sectionInterfaces[id]
    }

    /// An option's UTF-8 text, cut at the first NUL (some writers include a terminator).
    private static func string(_ block: UnsafeRawBufferPointer, from start: Int, count: Int) -> String {
        let value = UnsafeRawBufferPointer(rebasing: block[start..<(start + count)])
        let text = value.prefix { $0 != 0 }
        return String(decoding: text, as: UTF8.self)
    }
}
