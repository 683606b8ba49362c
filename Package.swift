// swift-tools-version: 6.0
import PackageDescription

// One direction of dependency:
//   NetworkEngine (numbers, no drawing) → NetfigSpec (spec files)
//   CCairo, CPNG (C libraries) → Drawing (their only user) → Charts (knows no networks)
//   NetworkEngine, Drawing, Charts → Figures (networks meet charts)
//   all of the above → NetfigCommands → netfig
let package = Package(
    name: "netfig",
    products: [
        .executable(name: "netfig", targets: ["netfig"]),
        .library(name: "NetworkEngine", targets: ["NetworkEngine"]),
        .library(name: "NetfigSpec", targets: ["NetfigSpec"]),
        .library(name: "Drawing", targets: ["Drawing"]),
        .library(name: "Charts", targets: ["Charts"]),
        .library(name: "Figures", targets: ["Figures"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .target(name: "NetworkEngine"),
        .target(
            name: "NetfigSpec",
            dependencies: ["NetworkEngine", .product(name: "Yams", package: "Yams")]
        ),
        .systemLibrary(
            name: "CCairo",
            pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"])]
        ),
        // The per-pixel part of PNG encoding (a byte shuffle Swift cannot express), and
        // ISA-L's igzip, which deflates frames five times as fast as libdeflate's fastest levels.
        .target(name: "CPNG", linkerSettings: [.linkedLibrary("isal")]),
        .target(name: "Drawing", dependencies: ["CCairo", "CPNG"]),
        .target(name: "Charts", dependencies: ["Drawing"]),
        .target(name: "Figures", dependencies: ["NetworkEngine", "Drawing", "Charts"]),
        .target(
            name: "NetfigCommands",
            dependencies: [
                "NetworkEngine", "NetfigSpec", "Drawing", "Charts", "Figures",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "netfig", dependencies: ["NetfigCommands"]),
        // `make samples`: the charts on their own, apart from any network.
        .executableTarget(name: "ChartSamples", dependencies: ["Charts", "Drawing"]),
        .testTarget(name: "NetworkEngineTests", dependencies: ["NetworkEngine"]),
        .testTarget(name: "NetfigSpecTests", dependencies: ["NetfigSpec"]),
        .testTarget(name: "DrawingTests", dependencies: ["Drawing"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts", "Drawing", "ChartSamples"]),
        .testTarget(name: "FiguresTests", dependencies: ["Figures", "Charts", "Drawing", "NetworkEngine"]),
        .testTarget(
            name: "NetfigCommandsTests",
            dependencies: ["NetfigCommands", "netfig", "Drawing", "Charts", "Figures", "NetfigSpec", "NetworkEngine"]
        ),
    ]
)
