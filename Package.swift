// swift-tools-version: 6.1
import PackageDescription

// Layers (DESIGN.md): dependencies point down only.
//   edgebench → Runner → {Engines, Telemetry, Store, Plans, Reports, Analysis} → Core
let package = Package(
    name: "EdgeBench",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "edgebench", targets: ["edgebench"]),
        // The no-board tour and bench/'s servers: built by `swift build -c release` beside edgebench.
        .executable(name: "edgebench-testserver", targets: ["edgebench-testserver"]),
        .library(name: "EdgeBenchCore", targets: ["EdgeBenchCore"]),
        .library(name: "EdgeBenchRunner", targets: ["EdgeBenchRunner"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // SHA-256 of plans and multi-GB model files (BoringSSL's assembly); AsyncHTTPClient already pulls it in.
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        // Value types, units, metric definitions, statistics. Foundation only, and the C below.
        .target(name: "EdgeBenchCore", dependencies: ["CTiedSpawn"]),

        // The fork-and-exec of a child that dies with EdgeBench (PR_SET_PDEATHSIG): system calls between
        // fork and exec, which Swift cannot make safely (`ChildProcess.Tied`).
        .target(name: "CTiedSpawn"),

        // One source per sensor kind, the sampler, energy integration.
        .target(
            name: "EdgeBenchTelemetry",
            dependencies: [
                "EdgeBenchCore",
                // Smart plugs are polled over HTTP with the client the engines use.
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),

        // One adapter per inference protocol; managed engine processes; embedded engine setup.
        .target(
            name: "EdgeBenchEngines",
            dependencies: [
                "EdgeBenchCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                // HTTPExchange: AsyncHTTPClient's delegate API hands over NIOHTTP1's response head, and its
                // body parts cross from the event loop to the consumer under a lock.
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                // StackFlow speaks JSON lines over plain TCP.
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),

        // Plans: YAML → validated Plan → expanded configurations.
        .target(
            name: "EdgeBenchPlans",
            dependencies: [
                "EdgeBenchCore", .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),

        // SQLite schema and migrations, bundle import/export.
        .target(
            name: "EdgeBenchStore",
            dependencies: [
                "EdgeBenchCore", .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for the one statement bound per stored request (`RequestColumns+Binding.swift`)
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),

        // Device catalog, derived metrics (physical, cost, battery, roofline), Pareto fronts, scenario
        // rankings. Pure: no I/O beyond reading the bundled catalog.
        .target(
            name: "EdgeBenchAnalysis",
            dependencies: ["EdgeBenchCore", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Resources/devices.yaml"), .copy("Resources/scenarios.yaml")]
        ),

        // Rendering results: terminal text, JSON, Markdown, CSV, HTML. HdrHistogram holds the box plots'
        // distributions once a bundle has too many values to keep exactly.
        .target(
            name: "EdgeBenchReports",
            dependencies: [
                "EdgeBenchCore", "EdgeBenchAnalysis", .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),

        // Executing a plan: lifecycle, warm-up, repetitions, progress events, resume.
        .target(
            name: "EdgeBenchRunner",
            dependencies: [
                "EdgeBenchCore", "EdgeBenchTelemetry", "EdgeBenchEngines",
                "EdgeBenchPlans", "EdgeBenchStore", "EdgeBenchReports", "EdgeBenchAnalysis",
                // The runner owns the one HTTPClient its engines share (EngineFactory).
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),

        // Parses arguments and prints; every decision lives in the libraries.
        .executableTarget(
            name: "edgebench",
            dependencies: [
                "EdgeBenchCore", "EdgeBenchTelemetry", "EdgeBenchEngines", "EdgeBenchPlans", "EdgeBenchAnalysis",
                "EdgeBenchReports", "EdgeBenchRunner",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // `bench/`'s fast local server: a thin tool over EdgeBenchTesting.
        .executableTarget(
            name: "edgebench-testserver",
            dependencies: [
                "EdgeBenchTesting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Scripted and replay test servers (Hummingbird), shared by tests and bench/.
        .target(
            name: "EdgeBenchTesting",
            dependencies: [
                "EdgeBenchCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),

        .testTarget(name: "EdgeBenchCoreTests", dependencies: ["EdgeBenchCore"]),
        .testTarget(
            name: "EdgeBenchTelemetryTests", dependencies: ["EdgeBenchCore", "EdgeBenchTelemetry", "EdgeBenchTesting"]),
        .testTarget(
            name: "EdgeBenchEnginesTests",
            dependencies: [
                "EdgeBenchCore", "EdgeBenchEngines", "EdgeBenchTesting",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(
            name: "EdgeBenchPlansTests", dependencies: ["EdgeBenchCore", "EdgeBenchPlans", "EdgeBenchEngines", "EdgeBenchTesting"]),
        .testTarget(
            name: "EdgeBenchStoreTests",
            dependencies: [
                "EdgeBenchCore", "EdgeBenchStore", "EdgeBenchTesting", .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "EdgeBenchReportsTests",
            dependencies: ["EdgeBenchCore", "EdgeBenchAnalysis", "EdgeBenchReports", "EdgeBenchTesting"]
        ),
        .testTarget(
            name: "EdgeBenchAnalysisTests", dependencies: ["EdgeBenchCore", "EdgeBenchAnalysis", "EdgeBenchTesting"]),
        .testTarget(
            name: "EdgeBenchRunnerTests",
            dependencies: [
                "EdgeBenchCore", "EdgeBenchTelemetry", "EdgeBenchEngines", "EdgeBenchPlans", "EdgeBenchStore",
                "EdgeBenchAnalysis", "EdgeBenchReports", "EdgeBenchRunner", "EdgeBenchTesting",
                // EngineOrphanTests kill a real `edgebench run`: SwiftPM builds it first.
                "edgebench",
            ]
        ),
        // Runs the built `edgebench` binary as a user does; the dependency makes SwiftPM build it first.
        .testTarget(name: "EdgeBenchCLITests", dependencies: ["edgebench", "EdgeBenchTesting"]),
    ]
)
