/// How llm_sys cuts its TCP input into messages (`zmq_bus_com::select_json_str`): not on newlines but by
/// counting `{` and `}` that are not preceded by a backslash, inside strings too; a message is complete
/// when the count returns to zero, and text between messages (the clients' "\n") is dropped. The test
/// server frames the same way so that a client that leaves a brace unescaped in a prompt breaks here
/// as it would on the device.
struct StackFlowMessageFramer {
    enum Frame {
        case message([UInt8])
        /// More `}` than `{`: the firmware discards what it has and answers "reace reset".
        case broken
    }

    private var buffer: [UInt8] = []
    private var depth = 0
    private var previous: UInt8 = 0

    init() { buffer.reserveCapacity(1024) }

    mutating func feed(_ bytes: UnsafeRawBufferPointer, _ onFrame: (Frame) -> Void) {
        for byte in bytes {
            buffer.append(byte)
            if previous != 0x5C {
                if byte == 0x7B { depth += 1 }
                if byte == 0x7D { depth -= 1 }
            }
            previous = byte
            if depth < 0 {
                depth = 0
                buffer.removeAll(keepingCapacity: true)
                onFrame(.broken)
            } else if depth == 0 {
                if buffer.first == 0x7B && buffer.last == 0x7D { onFrame(.message(buffer)) }
                buffer.removeAll(keepingCapacity: true)
            }
        }
    }
}
