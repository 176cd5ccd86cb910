import Foundation

/// Command-line options of concord-bench; see Benchmarks/README.md.
struct BenchOptions {
    var runs = 7
    /// Runs of each hostile shape; they are the slow ones, and their spread is small.
    var shapeRuns = 3
    var sizes = [1, 10]
    var concordPath: String?
    var keepFiles = false
    var skipShapes = false

    static func parse(_ arguments: ArraySlice<String>) -> BenchOptions {
        var options = BenchOptions()
        var arguments = arguments
        while let argument = arguments.popFirst() {
            switch argument {
            case "--runs": options.runs = arguments.popFirst().flatMap(Int.init) ?? options.runs
            case "--shape-runs": options.shapeRuns = arguments.popFirst().flatMap(Int.init) ?? options.shapeRuns
            case "--sizes": options.sizes = arguments.popFirst()?.split(separator: ",").compactMap { Int($0) } ?? options.sizes
            case "--concord": options.concordPath = arguments.popFirst()
            case "--keep": options.keepFiles = true
            case "--skip-shapes": options.skipShapes = true
            default:
                FileHandle.standardError.write(Data("""
                    usage: concord-bench [--runs N] [--shape-runs N] [--sizes 1,10] [--concord PATH] [--keep] [--skip-shapes]

                    """.utf8))
                exit(2)
            }
        }
        return options
    }
}
