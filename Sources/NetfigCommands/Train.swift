import ArgumentParser

/// `netfig train`: placeholder until the drawing layer lands (issue 3).
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Train the network and write its training curve.")
    func run() throws { throw FailureReport.failure("train is not built yet") }
}
