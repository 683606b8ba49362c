import ArgumentParser

/// `--aspect equal|auto`: equal units on both axes of a map, or each axis filling the plot.
enum Aspect: String, ExpressibleByArgument, CaseIterable {
    case equal
    case auto
}
