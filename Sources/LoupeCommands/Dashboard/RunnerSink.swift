import Dashboard
import FlowClient

/// Posts each batch of records to the dashboard.
struct RunnerSink: FlowSink {
    let runner: DashboardRunner
    var preparation: RecordPreparation { .envelopes }

    mutating func deliver(_ records: PreparedRecords, range: Range<Int>) throws {
        runner.post(.flows(Array(records.envelopes[range])))
    }
}
