import ClusterSimulation
import FlowModel
import HubbleAPI

/// Where an agent's flows come from: flows in time order, each stamped with the time it is due
/// (virtual time for a simulation, capture time for a replay). `nil` when there are no more.
public protocol FlowFeed: Sendable {
    mutating func next() -> Flow?
}

extension TrafficSimulator: FlowFeed {}
