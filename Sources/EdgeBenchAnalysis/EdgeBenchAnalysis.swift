@_exported import EdgeBenchCore
