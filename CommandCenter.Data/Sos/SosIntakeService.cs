using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Idempotency;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Live;
using CommandCenter.Data.Objects;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Sos;

/// <summary>A one-key alarm as a device sends it; <see cref="ScopeCode"/> is the sending key's area (null: everywhere).</summary>
public sealed record SosSignal(string DeviceId, double? Latitude, double? Longitude, DateTime? RaisedAt)
{
    public string? ScopeCode { get; init; }
}

/// <summary>
/// 一键呼叫: turns a wristband alarm into a top-priority SOS incident in the wearer's grid, with its alert, in one
/// transaction. An alarm is never dropped while it can be placed: an unregistered device with a position in the
/// district still raises an incident (marked as unregistered). One open alarm per device: a press while the device's
/// alarm is still Raised adds to that alarm (count, latest position and time) instead of raising another incident;
/// once acknowledged, a new press raises a new alarm, so the console rings again.
/// </summary>
public sealed class SosIntakeService(
    IDbContextFactory<CommandCenterDbContext> contextFactory, IncidentIntakeService intake, GridLocator gridLocator, TimeProvider time, ILiveFeed? liveFeed = null)
{
    /// <summary>社会治理扩展 05 SOS / 01 一键呼叫求助 in the seeded catalogue.</summary>
    public const string SosCategoryCode = "G0501";

    private const string NotPlaced = "Unknown device and no position inside the district.";

    public async Task<OperationResult<SosAlert>> RaiseAsync(SosSignal signal, CancellationToken cancellationToken = default) =>
        (await RaiseAsync(signal, idempotency: null, cancellationToken)).Result!;

    /// <summary>
    /// An alarm with an Idempotency-Key: recorded with the alert and its incident, in their transaction. The result is
    /// the new alarm, or the device's open alarm it was added to (<see cref="SosAlert.AlarmCount"/> above 1).
    /// </summary>
    public async Task<Idempotent<OperationResult<SosAlert>>> RaiseAsync(
        SosSignal signal, IdempotentRequest<SosAlert>? idempotency, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(signal.DeviceId) || signal.DeviceId.Length > 32 || signal.DeviceId.Any(c => c is < '!' or > '~'))
        {
            return IdempotencyStore.Refused(OperationResult<SosAlert>.Invalid("deviceId", "A device id is 1–32 printable ASCII characters."));
        }
        if ((signal.Latitude is null) != (signal.Longitude is null)
            || signal.Latitude is { } lat && !InputRules.IsLatitude(lat)
            || signal.Longitude is { } lon && !InputRules.IsLongitude(lon))
        {
            return IdempotencyStore.Refused(OperationResult<SosAlert>.Invalid("latitude", "Latitude (-90..90) and longitude (-180..180) go together."));
        }
        var now = time.GetUtcNow().UtcDateTime;
        var raisedAt = signal.RaisedAt?.ToUniversalTime() ?? now;
        if (raisedAt > now + IncidentReportValidation.MaxClockSkew)
        {
            raisedAt = now; // a device clock running fast must not hide an alarm in the future
        }

        Device? device;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            device = await db.Devices.AsNoTracking().Include(d => d.Resident).SingleOrDefaultAsync(d => d.SerialNumber == signal.DeviceId, cancellationToken);
        }
        GridShape? located = signal.Latitude is { } la && signal.Longitude is { } lo
            ? await gridLocator.LocateAsync(la, lo, cancellationToken)
            : null;
        if (device is not null && !await InScopeAsync(device.GridId, signal.ScopeCode, cancellationToken))
        {
            // A device outside the key's area is treated as unknown to it: the same answer as a serial that does not exist.
            device = null;
            if (located is null)
            {
                return IdempotencyStore.Refused(OperationResult<SosAlert>.Invalid("deviceId", NotPlaced));
            }
        }
        var gridId = located?.Id ?? device?.GridId;
        if (gridId is null)
        {
            return IdempotencyStore.Refused(OperationResult<SosAlert>.Invalid("deviceId", device is null ? NotPlaced : "The device has no grid."));
        }
        if (!await InScopeAsync(gridId.Value, signal.ScopeCode, cancellationToken))
        {
            return IdempotencyStore.Refused(OperationResult<SosAlert>.Invalid("deviceId", NotPlaced));
        }

        var press = new Press(signal, raisedAt, now, located);
        for (var attempt = 1; ; attempt++)
        {
            if (device is not null)
            {
                var added = await AddToOpenAlarmAsync(device.Id, press, idempotency, cancellationToken);
                if (added is not null)
                {
                    return added;
                }
            }
            try
            {
                return await RaiseNewAsync(signal, device, gridId.Value, press, idempotency, cancellationToken);
            }
            catch (OpenAlarmExistsException open) when (attempt < 3)
            {
                // Another press of the same device raised its alarm meanwhile (on this node or another): add to that one.
                device = new Device { Id = open.DeviceId, SerialNumber = signal.DeviceId };
            }
        }
    }

    private sealed record Press(SosSignal Signal, DateTime RaisedAt, DateTime Now, GridShape? Located);

    /// <summary>The device's Raised alarm with this press added, or null when it has none (then a new alarm is raised).</summary>
    private async Task<Idempotent<OperationResult<SosAlert>>?> AddToOpenAlarmAsync(
        int deviceId, Press press, IdempotentRequest<SosAlert>? idempotency, CancellationToken cancellationToken)
    {
        var outcome = await IdempotencyStore.RunAsync(contextFactory, time, idempotency, 200, "incident", a => a.IncidentId ?? 0, async (db, now, ct) =>
        {
            var openId = await db.SosAlerts.Where(a => a.DeviceId == deviceId && a.Status == SosStatus.Raised).Select(a => (long?)a.Id).FirstOrDefaultAsync(ct);
            var updated = openId is null ? 0 : await db.SosAlerts.Where(a => a.Id == openId && a.Status == SosStatus.Raised)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(a => a.AlarmCount, a => a.AlarmCount + 1)
                    .SetProperty(a => a.LastRaisedAt, press.RaisedAt)
                    .SetProperty(a => a.LastReceivedAt, now), ct);
            if (updated == 0)
            {
                return OperationResult<SosAlert>.NotFound("No open alarm.");
            }
            if (press.Signal.Latitude is { } latitude && press.Signal.Longitude is { } longitude)
            {
                await db.SosAlerts.Where(a => a.Id == openId).ExecuteUpdateAsync(s => s
                    .SetProperty(a => a.Latitude, latitude)
                    .SetProperty(a => a.Longitude, longitude), ct);
            }
            await db.Devices.Where(d => d.Id == deviceId).ExecuteUpdateAsync(s => s.SetProperty(d => d.LastSeenAt, now), ct);
            return OperationResult<SosAlert>.Ok(await db.SosAlerts.AsNoTracking().SingleAsync(a => a.Id == openId, ct));
        }, cancellationToken);
        if (outcome.Outcome == IdempotencyOutcome.New && outcome.Result is { Status: OperationStatus.NotFound })
        {
            return null;
        }
        if (outcome.Result is { Succeeded: true, Value: { } alert } && liveFeed is not null)
        {
            var grid = await gridLocator.FindAsync(alert.GridId, null, CancellationToken.None);
            await liveFeed.PublishAsync(new ChangeNotice(ChangeKind.SosRaised, alert.Id, grid?.StreetId ?? 0, grid?.CommunityId ?? 0, alert.GridId, alert.AlarmCount, press.Now),
                CancellationToken.None);
        }
        return outcome;
    }

    private async Task<Idempotent<OperationResult<SosAlert>>> RaiseNewAsync(
        SosSignal signal, Device? device, int gridId, Press press, IdempotentRequest<SosAlert>? idempotency, CancellationToken cancellationToken)
    {
        var (raisedAt, now, located) = (press.RaisedAt, press.Now, press.Located);
        var unregistered = device is null || device.IsUnregistered;
        var resident = device?.Resident;
        var report = new IncidentReport
        {
            Title = resident is null ? $"一键呼叫求助（设备 {signal.DeviceId}）" : "一键呼叫求助",
            Description = unregistered
                ? $"未登记设备 {signal.DeviceId} 发出求助信号。"
                : $"智能手环 {device!.SerialNumber} 发出一键求助信号，请立即联系并上门核实。",
            Source = SourceChannel.Sos,
            CategoryCode = SosCategoryCode,
            Priority = IncidentPriority.Urgent,
            GridId = gridId,
            ReporterName = resident?.Name,
            ReporterPhone = resident?.Phone,
            ReportedAt = raisedAt < now - IncidentReportValidation.MaxBacklog ? now : raisedAt,
        };
        SosAlert? alert = null;
        var result = await intake.ReportAsync(report, new IncidentActor(null, "一键呼叫"), signal.ScopeCode,
            idempotency is null ? null : new IntakeIdempotency(idempotency.Key, (_, _) => idempotency.Answer(alert!)),
            async (tx, incident, ct) =>
            {
                alert = new SosAlert
                {
                    DeviceId = device?.Id ?? 0, ResidentId = resident?.Id, GridId = incident.GridId,
                    Latitude = signal.Latitude ?? located?.CenterLatitude ?? 0, Longitude = signal.Longitude ?? located?.CenterLongitude ?? 0,
                    RaisedAt = raisedAt, ReceivedAt = now, IncidentId = incident.Id, Status = SosStatus.Raised, IsUnregisteredDevice = unregistered,
                };
                if (device is null)
                {
                    // The serial may have been registered by a concurrent alarm since it was looked up.
                    alert.DeviceId = await tx.Devices.Where(d => d.SerialNumber == signal.DeviceId).Select(d => (int?)d.Id).FirstOrDefaultAsync(ct)
                        ?? await UnregisteredDeviceAsync(tx, signal.DeviceId, incident.GridId, now, ct);
                }
                if (await tx.SosAlerts.AnyAsync(a => a.DeviceId == alert.DeviceId && a.Status == SosStatus.Raised, ct))
                {
                    throw new OpenAlarmExistsException(alert.DeviceId);
                }
                await tx.Devices.Where(d => d.Id == alert.DeviceId).ExecuteUpdateAsync(s => s.SetProperty(d => d.LastSeenAt, now), ct);
                tx.SosAlerts.Add(alert);
            },
            cancellationToken);
        if (result.Succeeded && liveFeed is not null)
        {
            var incident = result.Incident!;
            await liveFeed.PublishAsync(new ChangeNotice(ChangeKind.SosRaised, alert!.Id, incident.StreetId, incident.CommunityId, incident.GridId, incident.Version, now)
            {
                Incident = IncidentFacts.Of(incident, null),
            }, CancellationToken.None);
        }
        return result.Status switch
        {
            IntakeStatus.Created => new(IdempotencyOutcome.New, OperationResult<SosAlert>.Ok(alert!), Answer: result.Answer),
            IntakeStatus.Replayed => new(IdempotencyOutcome.Replay, Record: result.Replay),
            IntakeStatus.KeyReused => new(IdempotencyOutcome.KeyReused),
            IntakeStatus.KeyInFlight => new(IdempotencyOutcome.InFlight),
            IntakeStatus.OutOfScope => IdempotencyStore.Refused(OperationResult<SosAlert>.Invalid("deviceId", NotPlaced)),
            _ => IdempotencyStore.Refused(new OperationResult<SosAlert>(OperationStatus.Invalid, Errors: result.Errors, Message: "The alarm could not be placed.")),
        };
    }

    private async Task<bool> InScopeAsync(int gridId, string? scopeCode, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(scopeCode) || await gridLocator.FindAsync(gridId, null, cancellationToken) is { } grid && HierarchyCode.IsWithin(grid.Code, scopeCode);

    /// <summary>Registers an unknown device so its alarm keeps a device row (status Offline, marked unregistered until someone binds it).</summary>
    private static async Task<int> UnregisteredDeviceAsync(CommandCenterDbContext db, string serial, int gridId, DateTime now, CancellationToken cancellationToken)
    {
        var device = new Device
        {
            SerialNumber = serial, Kind = DeviceKind.SosWristband, Status = DeviceStatus.Offline, GridId = gridId, LastSeenAt = now, IsUnregistered = true,
        };
        db.Devices.Add(device);
        await db.SaveChangesAsync(cancellationToken);
        return device.Id;
    }

    /// <summary>Thrown inside the intake transaction (rolling it back) when the device already has a Raised alarm.</summary>
    private sealed class OpenAlarmExistsException(int deviceId) : Exception("The device already has an open alarm.")
    {
        public int DeviceId { get; } = deviceId;
    }
}
