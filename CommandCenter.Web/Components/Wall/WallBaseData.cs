using CommandCenter.Data;
using CommandCenter.Data.Live;
using CommandCenter.Data.Organizations;
using CommandCenter.Data.People;
using CommandCenter.Data.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Components.Wall;

/// <summary>
/// The base numbers of every node (district, streets, communities, grids), read with one grouped query per table (grouped
/// by grid, or by area code for organisations) and rolled up by code prefix in memory. One shared copy per process,
/// re-read when older than <see cref="WallOptions.BaseDataRefresh"/>; concurrent readers share one read.
/// </summary>
public sealed class WallBaseData(
    StatisticsQueries statistics,
    IOptions<WallOptions> options,
    TimeProvider time,
    ILogger<WallBaseData> logger) : IReferenceDataCache, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyDictionary<string, NodeBaseFigures>? _byNode;
    private DateTimeOffset _readAt;
    private int _refreshing;

    /// <summary>
    /// The figures of a node (zero when the code is unknown). The first call reads them; later calls answer from the copy at
    /// once and, when it is older than the refresh interval, start one background read (walls never wait for a re-read).
    /// </summary>
    public async Task<NodeBaseFigures> GetAsync(string code, CancellationToken cancellationToken = default)
    {
        var byNode = _byNode;
        if (byNode is null)
        {
            byNode = await RefreshAsync(cancellationToken);
        }
        else if (time.GetUtcNow() - _readAt > options.Value.BaseDataRefresh && Interlocked.CompareExchange(ref _refreshing, 1, 0) == 0)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await RefreshAsync(CancellationToken.None);
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "Could not re-read the wall's base data; the previous copy stays");
                }
                finally
                {
                    Interlocked.Exchange(ref _refreshing, 0);
                }
            }, CancellationToken.None);
        }
        return byNode.GetValueOrDefault(code) ?? NodeBaseFigures.Zero;
    }

    /// <summary>Drops the copy (after an import or an edit on any node): the next reader waits for a fresh read.</summary>
    public void Invalidate() => _byNode = null;

    private async Task<IReadOnlyDictionary<string, NodeBaseFigures>> RefreshAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_byNode is { } fresh && time.GetUtcNow() - _readAt <= options.Value.BaseDataRefresh)
            {
                return fresh;
            }
            var started = time.GetTimestamp();
            var byNode = await statistics.NodeFiguresAsync(cancellationToken);
            _byNode = byNode;
            _readAt = time.GetUtcNow();
            logger.LogInformation("Wall base data read for {Nodes} nodes in {Elapsed} ms", byNode.Count, (long)time.GetElapsedTime(started).TotalMilliseconds);
            return byNode;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
