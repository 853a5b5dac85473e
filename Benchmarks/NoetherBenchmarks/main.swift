import CKernels
import Foundation
import NoetherCore
import NoetherSystems

// `noether-bench NAME`: the Swift side of `Benchmarks/run NAME`. Prints one JSON
// object of figures on its last line; Benchmarks/run compares it with the reference.
noether_tune_runtime(1)
let arguments = CommandLine.arguments.dropFirst()
switch arguments.first {
case "datagen":
  DatagenBenchmark.run()
case "methods":
  MethodsBenchmark.run(only: Array(arguments.dropFirst()))
case "projection":
  ProjectionBenchmark.run()
case "discover":
  if arguments.dropFirst().first == "--seeds", let count = arguments.dropFirst(2).first.flatMap(UInt64.init),
    count > 0
  {
    DiscoverBenchmark.run(seeds: Array(2023..<(2023 + count)))
  } else {
    DiscoverBenchmark.run()
  }
case "trial":
  TrialReport.run(Array(arguments.dropFirst()))
case "derivatives":
  DerivativesBenchmark.run(files: Array(arguments.dropFirst()))
case "training-laws":
  TrainingLawsBenchmark.run()
case "dgemm":
  TrainingShapeDGEMM.run(arguments: Array(arguments.dropFirst()))
case "pipeline-export":
  PipelineExport.run(arguments: Array(arguments.dropFirst()))
case "training":
  TrainingBenchmark.run(arguments: Array(arguments.dropFirst()))
default:
  FileHandle.standardError.write(
    Data(
      "usage: noether-bench datagen|training|training-laws|methods|discover|projection|pipeline-export|dgemm|derivatives FILES\n"
        .utf8))
  exit(2)
}
