import Charts
import Drawing
import Foundation

// Writes the sample charts (line charts, heatmaps, math, a fit, a diverging map) into the
// folder named by the first argument, `samples` by default: `make samples`, for looking at
// the charts on their own, apart from any network.
let folder = CommandLine.arguments.dropFirst().first ?? "samples"
do {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try writeSamples(into: folder)
    try writeHeatmapSamples(into: folder)
    try writeMathSample(into: folder)
    try writeFitSample(into: folder)
    try writeDivergingSample(into: folder)
    print("samples written to \(folder)/")
} catch {
    FileHandle.standardError.write(Data("chart-samples: \(error)\n".utf8))
    exit(1)
}
