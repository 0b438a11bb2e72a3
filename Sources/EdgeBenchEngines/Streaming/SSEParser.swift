import EdgeBenchCore

/// Incremental, byte-oriented Server-Sent Events parser.
///
/// It runs on the board being measured, once per network read, so it avoids per-byte
/// allocation and String work: bytes are scanned for line breaks and copied into reusable
/// buffers in runs. Chunks may split anywhere (inside a UTF-8 sequence, between CR and LF):
/// partial lines are kept until their terminator arrives, up to `maxLineBytes` for the line and event
/// being read together (see `StreamFraming`).
public struct SSEParser: Sendable {
    public let maxLineBytes: Int
    /// An event outgrew `maxLineBytes`: its bytes were dropped and the rest of the stream is ignored.
    public private(set) var overflowed = false
    /// Bytes held for the line and the event being read; never more than `maxLineBytes` + 1.
    public var bufferedBytes: Int { line.count + data.count }

    private var line: [UInt8] = []
    private var data: [UInt8] = []
    private var hasData = false
    private var eventType: String?
    private var lastEventID: String?
    /// A CR ended the previous line; an LF right after it (maybe in the next chunk) is part of the same break.
    private var pendingCR = false
    /// Still before the first byte of the stream, where a UTF-8 BOM is dropped.
    private var atStreamStart = true

    public init(maxLineBytes: Int = RequestLimits.defaultMaxLineBytes) {
        self.maxLineBytes = max(1, maxLineBytes)
        line.reserveCapacity(512)
        data.reserveCapacity(512)
    }

    /// Feeds the next chunk and calls `onEvent` for every event completed by it, in order.
    public mutating func feed(
        _ bytes: UnsafeRawBufferPointer, _ onEvent: (SSEEvent) throws -> Void
    ) rethrows {
        if overflowed { return }
        var start = 0
        let end = bytes.count
        if atStreamStart, end > 0 {
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
            atStreamStart = false
        }
        var index = start
        if pendingCR, index < end {
            pendingCR = false
            if bytes[index] == Self.lf { index += 1 }
        }
        var runStart = index
        while index < end {
            let byte = bytes[index]
            if byte == Self.lf || byte == Self.cr {
                if runStart < index {
                    guard hold(UnsafeRawBufferPointer(rebasing: bytes[runStart..<index])) else { return }
                }
                try processLine(onEvent)
                index += 1
                if byte == Self.cr {
                    if index < end {
                        if bytes[index] == Self.lf { index += 1 }
                    } else {
                        pendingCR = true
                    }
                }
                runStart = index
            } else {
                index += 1
            }
        }
        if runStart < end { _ = hold(UnsafeRawBufferPointer(rebasing: bytes[runStart..<end])) }
    }

    /// Appends `run` to the line unless the line and the event would outgrow the cap; then drops both.
    private mutating func hold(_ run: UnsafeRawBufferPointer) -> Bool {
        // + 1: a data line joins the event with a line feed.
        guard line.count + data.count + run.count + 1 <= maxLineBytes else {
            overflowed = true
            line = []
            data = []
            return false
        }
        line.append(contentsOf: run)
        return true
    }

    /// Convenience for tests and small inputs.
    public mutating func feed(_ bytes: some Collection<UInt8>) -> [SSEEvent] {
        var events: [SSEEvent] = []
        let handle: (SSEEvent) -> Void = { events.append($0) }
        if let done: Void = bytes.withContiguousStorageIfAvailable({ feed(UnsafeRawBufferPointer($0), handle) }) {
            _ = done
        } else {
            Array(bytes).withUnsafeBytes { feed($0, handle) }
        }
        return events
    }

    /// End of stream. The spec discards an event that no blank line terminated; servers that omit the
    /// final blank line (and truncated captures) exist, so the pending event is returned instead.
    public mutating func finish() -> SSEEvent? {
        if overflowed { return nil }
        if !line.isEmpty { processLine { _ in } }
        pendingCR = false
        guard hasData else { return nil }
        return takeEvent()
    }

    private mutating func processLine(_ onEvent: (SSEEvent) throws -> Void) rethrows {
        defer { line.removeAll(keepingCapacity: true) }
        if line.isEmpty {
            guard hasData else {
                eventType = nil
                return
            }
            // The event shares `data`'s storage only during the call: cleared after it, the buffer is
            // unique again and keeps its capacity, so an event costs no allocation unless its consumer
            // keeps it (a copy taken before the call would make every reset allocate a new buffer).
            defer { resetEvent() }
            try onEvent(SSEEvent(event: eventType, data: data, lastEventID: lastEventID))
            return
        }
        if line[0] == Self.colon { return }  // comment / keep-alive
        let colon = line.firstIndex(of: Self.colon) ?? line.endIndex
        var valueStart = colon < line.endIndex ? colon + 1 : colon
        if valueStart < line.endIndex, line[valueStart] == Self.space { valueStart += 1 }
        let nameLength = colon
        if nameLength == 4, line[0] == 0x64, line[1] == 0x61, line[2] == 0x74, line[3] == 0x61 {  // "data"
            if hasData { data.append(Self.lf) }
            data.append(contentsOf: line[valueStart...])
            hasData = true
        } else if nameLength == 5, line[0..<5].elementsEqual(Self.eventName) {
            eventType = String(decoding: line[valueStart...], as: UTF8.self)
        } else if nameLength == 2, line[0] == 0x69, line[1] == 0x64 {  // "id"
            if !line[valueStart...].contains(0) { lastEventID = String(decoding: line[valueStart...], as: UTF8.self) }
        }
        // "retry" and unknown fields are ignored, as the spec says.
    }

    private mutating func takeEvent() -> SSEEvent {
        let event = SSEEvent(event: eventType, data: data, lastEventID: lastEventID)
        resetEvent()
        return event
    }

    private mutating func resetEvent() {
        data.removeAll(keepingCapacity: true)
        hasData = false
        eventType = nil
    }

    private static let lf: UInt8 = 0x0A
    private static let cr: UInt8 = 0x0D
    private static let colon: UInt8 = 0x3A
    private static let space: UInt8 = 0x20
    private static let eventName: [UInt8] = Array("event".utf8)
}
