// swift-tools-version: 6.0
import PackageDescription

// One direction of dependency:
// NetworkEngine (numbers) → NetfigSpec (spec files) ┐
// CCairo → Drawing (the only Cairo user) → Charts   ┴→ NetfigCommands → netfig
let package = Package(
    name: "netfig",
    products: [
        .executable(name: "netfig", targets: ["netfig"]),
        .library(name: "NetworkEngine", targets: ["NetworkEngine"]),
        .library(name: "NetfigSpec", targets: ["NetfigSpec"]),
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
        .target(
            name: "NetfigCommands",
            dependencies: [
                "NetworkEngine", "NetfigSpec",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "netfig", dependencies: ["NetfigCommands"]),
        .testTarget(name: "NetworkEngineTests", dependencies: ["NetworkEngine"]),
        .testTarget(name: "NetfigSpecTests", dependencies: ["NetfigSpec"]),
        .testTarget(
            name: "NetfigCommandsTests",
            dependencies: ["NetfigCommands", "netfig"]
        ),
    ]
)
