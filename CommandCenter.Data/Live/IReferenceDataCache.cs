namespace CommandCenter.Data.Live;

/// <summary>
/// A per-node copy of reference data (grid shapes, the category catalogue, the map, base numbers). Every one registered
/// as this interface is dropped when a <see cref="ChangeKind.ReferenceDataChanged"/> notice arrives from any node, e.g. after an
/// administrator's edit or an import.
/// </summary>
public interface IReferenceDataCache
{
    void Invalidate();
}
