import Foundation
import ThaiReport

/// libFuzzer's entry point: each input is written as a description (beside the fuzz corpus's
/// pictures, CSV files and fonts, so paths in it can resolve) and read, its template filled in
/// and its document model built, as `thaireport check` does before layout. Errors in the input are
/// the expected outcome; a crash, a hang (libFuzzer's `-timeout`) or memory past `-rss_limit_mb`
/// is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDescription(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    guard (try? data.write(to: FuzzFolder.input)) != nil else { return 0 }
    _ = try? ReportPipeline.load(path: FuzzFolder.input.path)
    return 0
}

/// Where inputs are written: `THAIREPORT_FUZZ_FOLDER` (set by `scripts/fuzz.sh` to a folder holding
/// the fixtures' files), or a temporary folder.
enum FuzzFolder {
    static let input: URL = {
        let folder = ProcessInfo.processInfo.environment["THAIREPORT_FUZZ_FOLDER"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory
        return folder.appendingPathComponent("fuzz-input-\(getpid()).yaml")
    }()
}

/// libFuzzer's driver, run from the entry point SwiftPM gives an executable target (it links
/// `main` to `FuzzDescription_main`, so libFuzzer's own `main` is not used).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ test: @convention(c) (UnsafeRawPointer, Int) -> CInt) -> CInt

@_cdecl("FuzzDescription_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var count = argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { fuzzDescription($0, $1) }
}
