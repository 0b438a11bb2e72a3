import Testing
@testable import EdgeBenchAnalysis

@Suite struct CatalogPlaceholderTests {}
