using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Idempotency;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Live;
using CommandCenter.Data.Objects;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Sos;

/// <summary>A one-key alarm as a device sends it.</summary>
public sealed record SosSignal(string DeviceId, double? Latitude, double? Longitude, DateTime? RaisedAt);

/// <summary>
/// 一键呼叫: turns a wristband alarm into a top-priority SOS incident in the wearer's grid, with its alert, in one
/// transaction. An alarm is never dropped while it can be placed: an unregistered device with a position in the
/// district still raises an incident.
/// </summary>
public sealed class SosIntakeService(
    IDbContextFactory<CommandCenterDbContext> contextFactory, IncidentIntakeService intake, GridLocator gridLocator, TimeProvider time, ILiveFeed? liveFeed = null)
{
    /// <summary>社会治理扩展 05 SOS / 01 一键呼叫求助 in the seeded catalogue.</summary>
    public const string SosCategoryCode = "G0501";

    public async Task<OperationResult<SosAlert>> RaiseAsync(SosSignal signal, CancellationToken cancellationToken = default) =>
        (await RaiseAsync(signal, idempotency: null, cancellationToken)).Result!;

    /// <summary>An alarm with an Idempotency-Key: recorded with the alert and its incident, in their transaction.</summary>
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

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var device = await db.Devices.AsNoTracking().Include(d => d.Resident).SingleOrDefaultAsync(d => d.SerialNumber == signal.DeviceId, cancellationToken);
        GridShape? located = signal.Latitude is { } la && signal.Longitude is { } lo
            ? await gridLocator.LocateAsync(la, lo, cancellationToken)
            : null;
        var gridId = located?.Id ?? device?.GridId;
        if (gridId is null)
        {
            return IdempotencyStore.Refused(OperationResult<SosAlert>.Invalid("deviceId",
                device is null ? "Unknown device and no position inside the district." : "The device has no grid."));
        }

        var resident = device?.Resident;
        var report = new IncidentReport
        {
            Title = resident is null ? $"一键呼叫求助（设备 {signal.DeviceId}）" : "一键呼叫求助",
            Description = device is null
                ? $"未登记设备 {signal.DeviceId} 发出求助信号。"
                : $"智能手环 {device.SerialNumber} 发出一键求助信号，请立即联系并上门核实。",
            Source = SourceChannel.Sos,
            CategoryCode = SosCategoryCode,
            Priority = IncidentPriority.Urgent,
            GridId = gridId,
            ReporterName = resident?.Name,
            ReporterPhone = resident?.Phone,
            ReportedAt = raisedAt < now - IncidentReportValidation.MaxBacklog ? now : raisedAt,
        };
        SosAlert? alert = null;
        var result = await intake.ReportAsync(report, new IncidentActor(null, "一键呼叫"), scopeCode: null,
            idempotency is null ? null : new IntakeIdempotency(idempotency.Key, (_, _) => idempotency.Answer(alert!)),
            async (tx, incident, ct) =>
            {
                alert = new SosAlert
                {
                    DeviceId = device?.Id ?? 0, ResidentId = resident?.Id, GridId = incident.GridId,
                    Latitude = signal.Latitude ?? located?.CenterLatitude ?? 0, Longitude = signal.Longitude ?? located?.CenterLongitude ?? 0,
                    RaisedAt = raisedAt, ReceivedAt = now, IncidentId = incident.Id, Status = SosStatus.Raised,
                };
                if (device is null)
                {
                    alert.DeviceId = await UnregisteredDeviceAsync(tx, signal.DeviceId, incident.GridId, now, ct);
                }
                else
                {
                    await tx.Devices.Where(d => d.Id == device.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.LastSeenAt, now), ct);
                }
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
            _ => IdempotencyStore.Refused(new OperationResult<SosAlert>(OperationStatus.Invalid, Errors: result.Errors, Message: "The alarm could not be placed.")),
        };
    }

    /// <summary>Registers an unknown device so its alarm keeps a device row (status Offline until someone binds it).</summary>
    private static async Task<int> UnregisteredDeviceAsync(CommandCenterDbContext db, string serial, int gridId, DateTime now, CancellationToken cancellationToken)
    {
        var device = new Device { SerialNumber = serial, Kind = DeviceKind.SosWristband, Status = DeviceStatus.Offline, GridId = gridId, LastSeenAt = now };
        db.Devices.Add(device);
        await db.SaveChangesAsync(cancellationToken);
        return device.Id;
    }
}
