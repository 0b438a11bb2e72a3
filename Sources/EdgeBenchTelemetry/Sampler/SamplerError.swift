public enum SamplerError: Error, Equatable, Sendable, CustomStringConvertible {
    case intervalOutOfRange(Duration)

    public var description: String {
        switch self {
        case .intervalOutOfRange(let interval):
            "sampling interval \(interval) is out of range: use 1 ms … 10 s (the default 100 ms samples at 10 Hz)"
        }
    }
}
