/// A configuration an engine cannot be prepared for (no url, no model file): the text says what to fix.
public struct EngineConfigurationError: Error, CustomStringConvertible, Equatable {
    public var description: String

    public init(_ description: String) { self.description = description }
}
