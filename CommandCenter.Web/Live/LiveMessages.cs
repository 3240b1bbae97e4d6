using System.Text.Json.Serialization;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Live;

namespace CommandCenter.Web.Live;

/// <summary>What <see cref="LiveHub.Join"/> and <see cref="LiveHub.GetSnapshot"/> return: a node's full numbers at a sequence number.</summary>
public sealed record LiveNodeSnapshot(
    string NodeCode,
    long Sequence,
    DateTime At,
    bool Loaded,
    NodeMetrics Metrics,
    IReadOnlyList<NewestIncident> Newest);

/// <summary>
/// Pushed to a node's group at most every coalescing interval: the node's current numbers and the changes since the
/// previous delta. Sequence numbers increase by one per group; a client that sees a gap calls GetSnapshot.
/// </summary>
public sealed record LiveDelta(
    string NodeCode,
    long Sequence,
    DateTime At,
    NodeMetrics Metrics,
    IReadOnlyList<LiveChange> Changes,
    int ChangesDropped,
    bool Resynced);

/// <summary>
/// The essentials of a change notice, nothing personal. Fields without a value are left out on the wire (a reader
/// gets null): a tick's delta at 200 incidents/s carries about 20 changes, and without the nulls it stays under the
/// 4 KiB that SignalR's WebSocket transport sends as one frame (with them, 4.4 KiB went out as two frames per client).
/// </summary>
public sealed record LiveChange(
    ChangeKind Kind,
    long EntityId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? GridId,
    int Version,
    DateTime At,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IncidentStage? Stage,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IncidentStage? PreviousStage,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Number,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SlaClock? Clock,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? RatingLevel)
{
    public static LiveChange Of(ChangeNotice notice) => new(
        notice.Kind, notice.EntityId, notice.GridId, notice.Version, notice.At,
        notice.Incident?.Stage, notice.Incident?.PreviousStage, notice.Incident?.Number, notice.Clock, notice.RatingLevel);
}

/// <summary>The methods the hub calls on its clients.</summary>
public interface ILiveClient
{
    /// <summary>Wire name "Delta".</summary>
    Task Delta(LiveDelta delta);
}
