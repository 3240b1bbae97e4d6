using Microsoft.Extensions.Logging;
using System.Collections.Immutable;
using CommandCenter.Data;
using CommandCenter.Data.Live;
using CommandCenter.Data.Measures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommandCenter.Data.Live;

/// <summary>
/// The wall's and console's live numbers, per hierarchy node. Loaded from the database at start and on every
/// <see cref="ChangeKind.Resync"/> (and at the China-local midnight); kept current between loads by the live feed's notices.
/// Notices are applied under one lock (microseconds: set updates); readers get an immutable <see cref="LiveSnapshot"/>,
/// built at most once per change burst.
/// </summary>
public sealed class LiveMetrics(
    IDbContextFactory<CommandCenterDbContext> contextFactory,
    IOptions<LiveOptions> options,
    IOptions<MeasuresOptions> measures,
    TimeProvider time,
    ILogger<LiveMetrics> logger) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LiveState? _state;
    private List<ChangeNotice>? _duringReload;
    private LiveSnapshot _snapshot = LiveSnapshot.Empty;
    private long _version;
    private bool _dirty;
    private ImmutableArray<Action<ChangeNotice?>> _observers = [];

    /// <summary>When the state was last loaded from the database (UTC): the wall calls its data stale when this gets old.</summary>
    public DateTime? LastLoadedAt { get; private set; }

    /// <summary>Completes after the first load.</summary>
    public Task WhenLoaded => _loaded.Task;

    /// <summary>The current numbers (immutable; the same instance until the next change).</summary>
    public LiveSnapshot Current
    {
        get
        {
            lock (_lock)
            {
                if (_dirty && _state is not null)
                {
                    _snapshot = LiveAggregation.Build(_state, _version, time.GetUtcNow().UtcDateTime, measures.Value);
                    _dirty = false;
                }
                return _snapshot;
            }
        }
    }

    /// <summary>True when the China-local day has moved past the loaded state's day (a reload is due).</summary>
    public bool IsDayOver
    {
        get
        {
            lock (_lock)
            {
                return _state is not null && ChinaDay.Of(time.GetUtcNow().UtcDateTime) != _state.Day;
            }
        }
    }

    /// <summary>
    /// For Blazor components: <paramref name="onChange"/> receives the latest snapshot after changes, at most once per
    /// <see cref="LiveOptions.CoalesceInterval"/> (the first change at once, the rest of a burst in one update at the end
    /// of the interval). Call StateHasChanged through InvokeAsync there. Dispose with the component.
    /// </summary>
    public IDisposable Subscribe(Func<LiveSnapshot, Task> onChange)
    {
        var subscription = new CoalescingSubscription(this, onChange, options.Value.CoalesceInterval, time, logger);
        Action<ChangeNotice?> observer = _ => subscription.Signal();
        ImmutableInterlocked.Update(ref _observers, list => list.Add(observer));
        subscription.OnDispose = () => ImmutableInterlocked.Update(ref _observers, list => list.Remove(observer));
        return subscription;
    }

    /// <summary>Raw change signal after each applied notice (null after a reload). Must be quick: the hub fan-out queues.</summary>
    public IDisposable Observe(Action<ChangeNotice?> observer)
    {
        ImmutableInterlocked.Update(ref _observers, list => list.Add(observer));
        return new Unsubscriber(() => ImmutableInterlocked.Update(ref _observers, list => list.Remove(observer)));
    }

    /// <summary>The node codes a grid's changes count towards: district, street, community, grid.</summary>
    public IReadOnlyList<string> PathOf(int? gridId)
    {
        lock (_lock)
        {
            return _state is null ? [] : gridId is { } id ? _state.Hierarchy.PathOf(id) : [_state.Hierarchy.DistrictCode];
        }
    }

    /// <summary>Applies a notice (not Resync: that is a reload). Idempotent for notices already contained in the state.</summary>
    public void Apply(ChangeNotice notice)
    {
        bool changed;
        lock (_lock)
        {
            _duringReload?.Add(notice);
            changed = _state?.Apply(notice) ?? false;
            if (changed)
            {
                _version++;
                _dirty = true;
            }
        }
        if (changed)
        {
            Notify(notice);
        }
    }

    /// <summary>Reloads everything from the database; notices arriving meanwhile are applied on top of the new state.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        await _reloadGate.WaitAsync(cancellationToken);
        try
        {
            lock (_lock)
            {
                _duringReload = [];
            }
            LiveState state;
            try
            {
                state = await LoadStateAsync(cancellationToken);
            }
            catch
            {
                lock (_lock)
                {
                    _duringReload = null;
                }
                throw;
            }
            lock (_lock)
            {
                foreach (var notice in _duringReload!)
                {
                    state.Apply(notice);
                }
                _duringReload = null;
                _state = state;
                LastLoadedAt = time.GetUtcNow().UtcDateTime;
                _version++;
                _dirty = true;
            }
            _loaded.TrySetResult();
            Notify(null);
        }
        finally
        {
            _reloadGate.Release();
        }
    }

    /// <summary>A snapshot straight from the database, without touching the live state (for checks and tests).</summary>
    public async Task<LiveSnapshot> LoadSnapshotAsync(CancellationToken cancellationToken = default)
    {
        var state = await LoadStateAsync(cancellationToken);
        return LiveAggregation.Build(state, 0, time.GetUtcNow().UtcDateTime, measures.Value);
    }

    private async Task<LiveState> LoadStateAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await LiveStateLoader.LoadAsync(db, time.GetUtcNow().UtcDateTime, options.Value.NewestCount, cancellationToken);
    }

    private void Notify(ChangeNotice? notice)
    {
        foreach (var observer in _observers)
        {
            try
            {
                observer(notice);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A live-metrics observer failed");
            }
        }
    }

    public void Dispose() => _reloadGate.Dispose();

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
