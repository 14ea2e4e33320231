import Analysis
import Capture
import CaptureFile
import ClusterContext
import Inputs

#if canImport(Glibc)
import Glibc
#endif

extension CaptureCommand {
    /// The live capture's settings from the command line.
    func liveSettings(cluster: ClusterContext?) -> LiveSettings {
        var analysisOptions = AnalysisOptions(
            paths: [], podNetworks: analysis.podNetworks, dissect: analysis.dissectOptions, capturedOn: nil,
            filter: filterExpression, maximumFlows: analysis.maximumFlows)
        analysisOptions.cluster = cluster
        analysisOptions.innerFilter = inner.expression
        let reportDescriptor: Int32 = writePath == "-" ? 2 : 1
        let captureOptions = LiveCaptureOptions(
            snapLength: snapLength == 0 ? LiveCaptureOptions.defaultSnapLength : snapLength,
            promiscuous: !noPromiscuousMode,
            bufferSize: (bufferSizeKiB ?? Self.defaultBufferKiB) * 1024,
            immediate: immediate || (verbose > 0 && isatty(reportDescriptor) == 1),
            timeoutMilliseconds: 100,
            nanosecondTimestamps: !writesClassicPcap)
        return LiveSettings(
            interfaces: interfaces, analysis: analysisOptions, capture: captureOptions, count: count,
            durationSeconds: duration, writePath: writePath,
            writeFormat: writesClassicPcap ? .pcap(nanosecond: false) : .pcapng,
            rotation: CaptureFileWriterRotation(
                fileSizeLimit: fileSize.flatMap { ByteSize($0)?.bytes },
                intervalSeconds: rotateSeconds.map { Int64($0) }, fileCount: fileCount),
            flushesEachRecord: packetBuffered || immediate, application: "calicap \(Calicap.version)",
            streamsFlows: analysis.format == .jsonl, flowIdleTimeout: Int64(flowTimeout * 1_000_000_000),
            showsPackets: verbose > 0)
    }
}
